using System.Globalization;
using System.Text;

namespace Generated.Training;

/// <summary>The one-line epoch summary shared by the plain and live reporters, so logs and terminals read the same.</summary>
internal static class EpochSummary
{
    /// <summary>Appends e.g. <c>epoch 3/10  loss=0.3521  val_loss=0.3710  val_acc=0.8712  time=4.1s  samples/s=13245</c>.</summary>
    public static void Append(StringBuilder line, EpochReport report, int epochs)
    {
        CultureInfo invariant = CultureInfo.InvariantCulture;
        line.Append(invariant, $"epoch {report.Epoch}/{epochs}  loss={report.TrainLoss:F4}");
        if (report.TrainAccuracy is double trainAccuracy)
        {
            line.Append(invariant, $"  acc={trainAccuracy:F4}");
        }

        if (report.ValidationLoss is double validationLoss)
        {
            line.Append(invariant, $"  val_loss={validationLoss:F4}");
        }

        if (report.ValidationAccuracy is double validationAccuracy)
        {
            line.Append(invariant, $"  val_acc={validationAccuracy:F4}");
        }

        line.Append(invariant, $"  time={report.Duration.TotalSeconds:F1}s  samples/s={report.SamplesPerSecond:F0}");
    }
}
