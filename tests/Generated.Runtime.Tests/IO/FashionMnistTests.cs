using System;
using System.IO;
using Generated.Data;
using Xunit;

namespace Generated.Runtime.Tests.IO;

public class FashionMnistTests
{
    [Fact]
    public void Class_names_follow_the_label_order()
    {
        Assert.Equal(10, FashionMnist.ClassNames.Count);
        Assert.Equal("T-shirt/top", FashionMnist.ClassNames[0]);
        Assert.Equal("Sneaker", FashionMnist.ClassNames[7]);
        Assert.Equal("Ankle boot", FashionMnist.ClassNames[9]);
    }

    [Fact]
    public void Load_reads_a_folder_of_plain_and_gzipped_files()
    {
        using var dir = new TempDirectory();
        byte[] trainPixels = new byte[5 * 2 * 3];
        for (int i = 0; i < trainPixels.Length; i++)
        {
            trainPixels[i] = (byte)(i * 8);
        }

        trainPixels[^1] = 255;
        WriteSplit(dir, "train", trainPixels, [0, 9, 3, 3, 1], gzipImages: true, gzipLabels: false);
        WriteSplit(dir, "t10k", new byte[3 * 2 * 3], [2, 4, 8], gzipImages: false, gzipLabels: true);

        FashionMnistData data = FashionMnist.Load(dir.Path);

        Assert.Equal(5, data.Train.Count);
        Assert.Equal(2, data.Train.Height);
        Assert.Equal(3, data.Train.Width);
        Assert.Equal(6, data.Train.SampleSize);
        Assert.Equal([0, 9, 3, 3, 1], data.Train.Labels);
        Assert.Equal(trainPixels.Length, data.Train.Pixels.Length);
        for (int i = 0; i < trainPixels.Length; i++)
        {
            Assert.Equal(trainPixels[i] / 255f, data.Train.Pixels[i]);
        }

        Assert.Equal(1f, data.Train.Pixels[^1]);
        Assert.Equal(3, data.Test.Count);
        Assert.Equal([2, 4, 8], data.Test.Labels);
    }

    [Fact]
    public void Load_names_missing_files_and_how_to_get_them()
    {
        using var dir = new TempDirectory();
        WriteSplit(dir, "train", new byte[6], [1], gzipImages: false, gzipLabels: false);

        var error = Assert.Throws<FileNotFoundException>(() => FashionMnist.Load(dir.Path));

        Assert.Contains("t10k-images-idx3-ubyte", error.Message, StringComparison.Ordinal);
        Assert.Contains("t10k-labels-idx1-ubyte", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("lacks train", error.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install dataset-fashion-mnist", error.Message, StringComparison.Ordinal);
        Assert.Contains("FASHION_MNIST_DIR", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Labels_outside_the_ten_classes_are_rejected()
    {
        using var dir = new TempDirectory();
        WriteSplit(dir, "train", new byte[12], [1, 10], gzipImages: false, gzipLabels: false);
        WriteSplit(dir, "t10k", new byte[6], [0], gzipImages: false, gzipLabels: false);

        var error = Assert.Throws<InvalidDataException>(() => FashionMnist.Load(dir.Path));

        Assert.Contains("sample 1 the label 10", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Image_and_label_counts_must_agree()
    {
        using var dir = new TempDirectory();
        WriteSplit(dir, "train", new byte[12], [1, 2, 3], gzipImages: false, gzipLabels: false);
        WriteSplit(dir, "t10k", new byte[6], [0], gzipImages: false, gzipLabels: false);

        var error = Assert.Throws<InvalidDataException>(() => FashionMnist.Load(dir.Path));

        Assert.Contains("holds 2 images", error.Message, StringComparison.Ordinal);
        Assert.Contains("holds 3 labels", error.Message, StringComparison.Ordinal);
    }

    // CI installs the Debian package dataset-fashion-mnist, so there this test always runs; on a developer machine
    // without the data it returns early rather than fail (the synthesized-folder tests above still cover the loader).
    [Fact]
    public void The_installed_data_set_has_the_published_sizes_and_balanced_classes()
    {
        string? directory = FashionMnist.FindDataDirectory();
        if (directory is null)
        {
            return;
        }

        Assert.Equal(directory, FashionMnist.EnsureAvailable(TextWriter.Null));
        FashionMnistData data = FashionMnist.Load(directory);

        Assert.Equal(60000, data.Train.Count);
        Assert.Equal(10000, data.Test.Count);
        foreach (LabeledImages split in new[] { data.Train, data.Test })
        {
            Assert.Equal(28, split.Height);
            Assert.Equal(28, split.Width);
            Assert.Equal(784, split.SampleSize);
            Assert.Equal(split.Count * 784, split.Pixels.Length);
            Assert.Equal(split.Count, split.Labels.Length);
        }

        var trainPerClass = new int[10];
        foreach (int label in data.Train.Labels)
        {
            Assert.InRange(label, 0, 9);
            trainPerClass[label]++;
        }

        Assert.All(trainPerClass, count => Assert.Equal(6000, count));
        var testPerClass = new int[10];
        foreach (int label in data.Test.Labels)
        {
            Assert.InRange(label, 0, 9);
            testPerClass[label]++;
        }

        Assert.All(testPerClass, count => Assert.Equal(1000, count));

        float min = float.MaxValue;
        float max = float.MinValue;
        foreach (float pixel in data.Train.Pixels)
        {
            min = Math.Min(min, pixel);
            max = Math.Max(max, pixel);
        }

        Assert.Equal(0f, min);
        Assert.Equal(1f, max);
    }

    private static void WriteSplit(TempDirectory dir, string prefix, byte[] pixels, byte[] labels, bool gzipImages, bool gzipLabels)
    {
        int count = pixels.Length / 6;
        byte[] images = IdxTestFiles.Build(0x08, [count, 2, 3], pixels);
        byte[] labelFile = IdxTestFiles.Build(0x08, [labels.Length], labels);
        File.WriteAllBytes(
            dir.File($"{prefix}-images-idx3-ubyte" + (gzipImages ? ".gz" : "")),
            gzipImages ? IdxTestFiles.Gzip(images) : images);
        File.WriteAllBytes(
            dir.File($"{prefix}-labels-idx1-ubyte" + (gzipLabels ? ".gz" : "")),
            gzipLabels ? IdxTestFiles.Gzip(labelFile) : labelFile);
    }
}
