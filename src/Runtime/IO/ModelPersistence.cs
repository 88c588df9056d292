using System;
using System.Collections.Generic;
using Generated.IO;

namespace Generated;

/// <summary>Saves and loads a model's parameters as safetensors, the format PyTorch and Hugging Face tools read.</summary>
public static class ModelPersistence
{
    /// <summary>
    /// Writes the parameters (PyTorch names and layouts) to <paramref name="path"/> atomically, with metadata
    /// <c>format=pt</c> (so <c>safetensors.torch</c> accepts the file as a state dict) and <c>model=</c> the class name.
    /// </summary>
    public static void Save(this IModel model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["format"] = "pt",
            ["model"] = model.Name,
        };
        SafeTensors.Write(path, model.Parameters, metadata);
    }

    /// <summary>
    /// Replaces the parameters with those in <paramref name="path"/>. The file must hold exactly the model's parameters
    /// with the same shapes; otherwise nothing is changed and the exception lists every mismatch.
    /// </summary>
    /// <exception cref="System.IO.InvalidDataException">The file is malformed or does not match the model.</exception>
    public static void Load(this IModel model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        SafeTensors.ReadInto(path, model.Parameters);
    }
}
