namespace Generated;

/// <summary>Run-time overrides for a generated model's construction; unset values keep the declared ones.</summary>
public sealed record ModelOptions
{
    /// <summary>Seed for initialisation and dropout; null keeps <c>[Model(Seed = …)]</c>.</summary>
    public long? Seed { get; init; }

    /// <summary>Largest training batch; null keeps <c>[Model(MaxBatch = …)]</c>.</summary>
    public int? MaxBatch { get; init; }

    /// <summary>Worker threads for the kernels; null or 0 uses every core.</summary>
    public int? Threads { get; init; }

    /// <summary>Learning rate; null keeps the declared one.</summary>
    public double? LearningRate { get; init; }
}

/// <summary>Whether dropout and batch normalisation act as in training or as in inference.</summary>
public enum ModelMode
{
    /// <summary>Dropout active; batch normalisation uses (and updates) batch statistics.</summary>
    Train = 0,
    /// <summary>Dropout is the identity; batch normalisation uses its running statistics.</summary>
    Eval = 1,
}
