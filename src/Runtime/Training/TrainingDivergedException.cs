using System;

namespace Generated.Training;

/// <summary>A training step returned a NaN or infinite loss; continuing would only spread it through the parameters.</summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception for the step <paramref name="batch"/> of <paramref name="epoch"/> (both 1-based).</summary>
    public TrainingDivergedException(int epoch, int batch, float loss)
        : base(FormattableString.Invariant(
            $"Training diverged: the loss was {loss} at epoch {epoch}, batch {batch}. Lower the learning rate, check the inputs for NaN or huge values, or clip gradients."))
    {
        Epoch = epoch;
        Batch = batch;
        Loss = loss;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public TrainingDivergedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public TrainingDivergedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with the default message.</summary>
    public TrainingDivergedException()
    {
    }

    /// <summary>1-based epoch of the failing step (0 when unknown).</summary>
    public int Epoch { get; }

    /// <summary>1-based step within the epoch (0 when unknown).</summary>
    public int Batch { get; }

    /// <summary>The loss the step returned.</summary>
    public float Loss { get; }
}
