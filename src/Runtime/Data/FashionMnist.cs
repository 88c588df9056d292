using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using Generated.IO;

namespace Generated.Data;

/// <summary>Images with one class label each, pixels row-major per image and normalised to [0, 1].</summary>
/// <param name="Pixels"><see cref="Count"/> × <see cref="Height"/> × <see cref="Width"/> floats.</param>
/// <param name="Labels">One class index per image.</param>
/// <param name="Count">Number of images.</param>
/// <param name="Height">Rows per image.</param>
/// <param name="Width">Columns per image.</param>
public sealed record LabeledImages(float[] Pixels, int[] Labels, int Count, int Height, int Width)
{
    /// <summary>Floats per image: the model's input size for a flattened image.</summary>
    public int SampleSize => Height * Width;

    /// <summary>
    /// The same pixels as the file stores them, 0 to 255 (<see cref="Pixels"/> is each divided by 255); empty when the
    /// images were not loaded from bytes. <c>Dataset.FromBytes(RawPixels, 255f, Labels, SampleSize)</c> trains on
    /// exactly the values of <see cref="Pixels"/> while gathering a quarter of the memory per batch.
    /// </summary>
    public byte[] RawPixels { get; init; } = [];
}

/// <summary>The standard Fashion-MNIST split.</summary>
/// <param name="Train">The 60,000 training images.</param>
/// <param name="Test">The 10,000 test images.</param>
public sealed record FashionMnistData(LabeledImages Train, LabeledImages Test);

/// <summary>
/// Loads Fashion-MNIST (Zalando's 28×28 grey-scale clothing images, 10 classes) from the four original IDX files,
/// gzipped or not.
/// </summary>
public static class FashionMnist
{
    /// <summary>Environment variable naming a folder that holds the four files.</summary>
    public const string DirectoryVariable = "FASHION_MNIST_DIR";

    /// <summary>Where the Debian package <see cref="DebianPackage"/> installs the files.</summary>
    public const string DebianDirectory = "/usr/share/datasets/fashion-mnist";

    /// <summary>The Debian package that ships the data set.</summary>
    public const string DebianPackage = "dataset-fashion-mnist";

    private const string TrainImages = "train-images-idx3-ubyte";
    private const string TrainLabels = "train-labels-idx1-ubyte";
    private const string TestImages = "t10k-images-idx3-ubyte";
    private const string TestLabels = "t10k-labels-idx1-ubyte";

    private static readonly string[] FileNames = [TrainImages, TrainLabels, TestImages, TestLabels];

    /// <summary>The class names, indexed by label.</summary>
    public static IReadOnlyList<string> ClassNames { get; } = Array.AsReadOnly(new[]
    {
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
    });

    /// <summary>
    /// Label-preserving augmentation for these 28x28 grey images (one channel): a left-right mirror, since a shoe or a
    /// shirt mirrored is still one. (Shifts are available too, but cost a small network more fit than they give back in a
    /// short run.) Use it as <see cref="Training.TrainerOptions.Augmentation"/>.
    /// </summary>
    public static Training.ImageAugmentation Augmentation { get; } = new(1, 28, 28) { FlipHorizontal = true };

    /// <summary>
    /// The first folder holding all four files: <c>$FASHION_MNIST_DIR</c>, then <see cref="DebianDirectory"/>;
    /// <see langword="null"/> when neither does.
    /// </summary>
    public static string? FindDataDirectory()
    {
        foreach (string candidate in Candidates())
        {
            if (MissingFiles(candidate).Count == 0)
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>
    /// Returns the data folder, installing <see cref="DebianPackage"/> with apt-get first when the data is missing and
    /// this process is root on Linux with apt-get available. Progress goes to <paramref name="log"/>.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The data is missing and could not be installed; the message says how to get it.</exception>
    public static string EnsureAvailable(TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(log);
        string? found = FindDataDirectory();
        if (found is not null)
        {
            return found;
        }

        string? aptGet = OperatingSystem.IsLinux() && IsRoot() ? FindOnPath("apt-get") : null;
        if (aptGet is null)
        {
            throw new DirectoryNotFoundException(HowToGetTheData(null));
        }

        log.WriteLine($"Fashion-MNIST not found; installing the Debian package {DebianPackage}.");
        int exit = RunAptGet(aptGet, log, "install", "-y", DebianPackage);
        if (exit != 0)
        {
            // The usual cause is a stale or empty package index (fresh containers ship without one).
            log.WriteLine($"apt-get install exited with {exit}; refreshing the package index and retrying once.");
            RunAptGet(aptGet, log, "update");
            exit = RunAptGet(aptGet, log, "install", "-y", DebianPackage);
        }

        found = FindDataDirectory();
        return found ?? throw new DirectoryNotFoundException(HowToGetTheData($"apt-get install {DebianPackage} exited with {exit}"));
    }

    /// <summary>Loads both splits from <paramref name="directory"/>, preferring uncompressed files over <c>.gz</c> ones.</summary>
    /// <exception cref="FileNotFoundException">A file is missing (the message lists which).</exception>
    /// <exception cref="InvalidDataException">A file is malformed or the files do not fit together.</exception>
    public static FashionMnistData Load(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        List<string> missing = MissingFiles(directory);
        if (missing.Count > 0)
        {
            throw new FileNotFoundException(
                $"Fashion-MNIST folder '{directory}' lacks {string.Join(", ", missing)} (each may also end in .gz). {HowToGetTheData(null)}");
        }

        return new FashionMnistData(
            LoadSplit(Resolve(directory, TrainImages)!, Resolve(directory, TrainLabels)!),
            LoadSplit(Resolve(directory, TestImages)!, Resolve(directory, TestLabels)!));
    }

    private static LabeledImages LoadSplit(string imagesPath, string labelsPath)
    {
        IdxArray images = Idx.Read(imagesPath);
        if (images.ElementType != IdxElementType.U8 || images.Shape.Length != 3)
        {
            throw new InvalidDataException(
                $"'{imagesPath}' holds {images.ElementType} [{string.Join(", ", images.Shape)}]; Fashion-MNIST images are unsigned bytes [count, height, width].");
        }

        IdxArray labels = Idx.Read(labelsPath);
        if (labels.ElementType != IdxElementType.U8 || labels.Shape.Length != 1)
        {
            throw new InvalidDataException(
                $"'{labelsPath}' holds {labels.ElementType} [{string.Join(", ", labels.Shape)}]; Fashion-MNIST labels are unsigned bytes [count].");
        }

        int count = images.Shape[0];
        if (labels.Shape[0] != count)
        {
            throw new InvalidDataException($"'{imagesPath}' holds {count} images but '{labelsPath}' holds {labels.Shape[0]} labels.");
        }

        ReadOnlySpan<byte> rawLabels = labels.AsBytes();
        var classes = new int[count];
        for (int i = 0; i < count; i++)
        {
            if (rawLabels[i] >= ClassNames.Count)
            {
                throw new InvalidDataException($"'{labelsPath}' gives sample {i} the label {rawLabels[i]}; Fashion-MNIST labels are 0 to {ClassNames.Count - 1}.");
            }

            classes[i] = rawLabels[i];
        }

        return new LabeledImages(Normalize(images.AsBytes()), classes, count, images.Shape[1], images.Shape[2]) { RawPixels = images.Data };
    }

    // Exactly x / 255f (not x * (1 / 255f), which differs in the last bit for some x) so pixels match what
    // torchvision's ToTensor and NumPy produce; a 256-entry table makes the division free.
    private static float[] Normalize(ReadOnlySpan<byte> pixels)
    {
        Span<float> table = stackalloc float[256];
        for (int v = 0; v < table.Length; v++)
        {
            table[v] = v / 255f;
        }

        var result = new float[pixels.Length];
        for (int i = 0; i < pixels.Length; i++)
        {
            result[i] = table[pixels[i]];
        }

        return result;
    }

    private static IEnumerable<string> Candidates()
    {
        string? fromEnvironment = Environment.GetEnvironmentVariable(DirectoryVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            yield return fromEnvironment;
        }

        yield return DebianDirectory;
    }

    private static List<string> MissingFiles(string directory)
    {
        var missing = new List<string>();
        foreach (string name in FileNames)
        {
            if (Resolve(directory, name) is null)
            {
                missing.Add(name);
            }
        }

        return missing;
    }

    private static string? Resolve(string directory, string name)
    {
        string plain = Path.Combine(directory, name);
        if (File.Exists(plain))
        {
            return plain;
        }

        string gzipped = plain + ".gz";
        return File.Exists(gzipped) ? gzipped : null;
    }

    private static string HowToGetTheData(string? failure)
    {
        string variable = Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } value
            ? $"{DirectoryVariable} is '{value}' but that folder lacks some files"
            : $"{DirectoryVariable} is not set";
        return (failure is null ? "" : failure + ". ")
            + $"Fashion-MNIST was not found ({variable}; nothing in {DebianDirectory}). To get it, either "
            + $"run 'sudo apt-get install {DebianPackage}' (Debian), or download {string.Join(".gz, ", FileNames)}.gz "
            + $"from https://github.com/zalandoresearch/fashion-mnist and set {DirectoryVariable} to the folder that holds them.";
    }

    // Reads the effective uid from procfs: no P/Invoke, and correct inside containers where USER may be unset.
    private static bool IsRoot()
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("Uid:", StringComparison.Ordinal))
                {
                    string[] ids = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                    return ids.Length > 2 && ids[2] == "0";
                }
            }
        }
        catch (IOException)
        {
            // No procfs: assume unprivileged, and explain instead of installing.
        }
        catch (UnauthorizedAccessException)
        {
            // Same as above.
        }

        return false;
    }

    private static string? FindOnPath(string program)
    {
        string? path = Environment.GetEnvironmentVariable("PATH");
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        foreach (string folder in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(folder, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static int RunAptGet(string aptGet, TextWriter log, params string[] arguments)
    {
        var start = new ProcessStartInfo(aptGet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Without this, debconf may stop and wait for answers nobody will type.
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        log.WriteLine($"> apt-get {string.Join(' ', arguments)}");

        // Output arrives on two thread-pool threads; the caller's writer need not be thread-safe.
        TextWriter synchronizedLog = TextWriter.Synchronized(log);
        try
        {
            using var process = new Process { StartInfo = start };
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) synchronizedLog.WriteLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) synchronizedLog.WriteLine(e.Data); };
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            process.WaitForExit();
            return process.ExitCode;
        }
        catch (Win32Exception e)
        {
            log.WriteLine($"Could not start apt-get: {e.Message}");
            return -1;
        }
    }
}
