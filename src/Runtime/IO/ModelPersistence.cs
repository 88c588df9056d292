using System;
using System.Collections.Generic;
using Generated.IO;

namespace Generated;

/// <summary>Saves and loads a model's parameters as safetensors, the format PyTorch and Hugging Face tools read.</summary>
public static class ModelPersistence
{
    /// <summary>
    /// Writes the parameters and buffers (PyTorch names and layouts, i.e. a <c>state_dict</c>) to <paramref name="path"/>
    /// atomically, with metadata <c>format=pt</c> (so <c>safetensors.torch</c> accepts the file as a state dict) and
    /// <c>model=</c> the class name.
    /// </summary>
    public static void Save(this IModel model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["format"] = "pt",
            ["model"] = model.Name,
        };
        SafeTensors.Write(path, StateTensors(model), metadata);
    }

    /// <summary>
    /// Replaces the parameters and buffers with those in <paramref name="path"/>. The file must hold exactly the model's
    /// tensors with the same shapes; otherwise nothing is changed and the exception lists every mismatch.
    /// </summary>
    /// <exception cref="System.IO.InvalidDataException">The file is malformed or does not match the model.</exception>
    public static void Load(this IModel model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        SafeTensors.ReadInto(path, StateTensors(model));
    }

    /// <summary>Parameters then buffers: everything a checkpoint must hold to reproduce the model's outputs.</summary>
    private static IReadOnlyList<ParameterTensor> StateTensors(IModel model)
    {
        IReadOnlyList<ParameterTensor> buffers = model.Buffers;
        if (buffers.Count == 0)
        {
            return model.Parameters;
        }

        var all = new List<ParameterTensor>(model.Parameters.Count + buffers.Count);
        all.AddRange(model.Parameters);
        all.AddRange(buffers);
        return all;
    }
}
