using System.Collections.Generic;

namespace Generated.Models.Tests;

/// <summary>A model's tensors as one array, in their order, for comparing two trainings to the bit.</summary>
internal static class ParameterValues
{
    public static float[] Concatenated(IReadOnlyList<ParameterTensor> tensors)
    {
        var values = new List<float>();
        foreach (ParameterTensor tensor in tensors)
        {
            values.AddRange(tensor.Span.ToArray());
        }

        return values.ToArray();
    }
}
