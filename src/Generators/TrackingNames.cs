namespace Generated.SourceGeneration;

/// <summary>Names of the pipeline steps, so tests can assert each one's cache behaviour.</summary>
public static class TrackingNames
{
    /// <summary>Attribute lookup and symbol-to-spec parsing.</summary>
    public const string Parse = "Generated.Parse";

    /// <summary>Shape inference and memory layout.</summary>
    public const string Plan = "Generated.Plan";

    /// <summary>C# text for one model.</summary>
    public const string Emit = "Generated.Emit";
}
