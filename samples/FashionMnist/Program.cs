using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using FashionMnistSample;
using Generated;
using Generated.Data;
using Generated.Kernels;
using Generated.Training;

// Trains the 784-256-128-10 MLP (or, with --model cnn, the convolutional FashionCnn) on Fashion-MNIST, reports test
// accuracy, saves the weights as safetensors and checks that the saved file reproduces the same accuracy.
//   dotnet run -c Release --project samples/FashionMnist -- [--model mlp|cnn] [--epochs 10] [--batch 128] [--threads N] [--limit N] [--out path]

SampleOptions options;
try
{
    options = SampleOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(SampleOptions.Usage);
    return 2;
}

string directory;
try
{
    directory = FashionMnist.EnsureAvailable(Console.Out);
}
catch (Exception ex) when (ex is DirectoryNotFoundException or InvalidOperationException or IOException)
{
    Console.Error.WriteLine(ex.Message);
    return 1;
}

FashionMnistData data = FashionMnist.Load(directory);
// Pixels kept as bytes (47 MB instead of 188): each is seen as x / 255f, the same floats as data.Train.Pixels, and the
// trainer decodes each batch's rows as it gathers them.
Dataset<int> train = Dataset.FromBytes(data.Train.RawPixels, 255f, data.Train.Labels, data.Train.SampleSize);
Dataset<int> test = Dataset.FromBytes(data.Test.RawPixels, 255f, data.Test.Labels, data.Test.SampleSize);
if (options.Limit is int limit && limit < train.Count)
{
    train = train.Subset(Range(limit));
}

using ISupervisedModel<int> model = Create(options);
Console.WriteLine(model.Summary());
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Training on {train.Count} images ({directory}), {options.Epochs} epochs, batch {options.Batch}, {model.Parameters.Count} tensors, SIMD {SimdSelection.Best}, threads {(options.Threads == 0 ? Environment.ProcessorCount : options.Threads)}"));

var trainerOptions = new TrainerOptions
{
    Epochs = options.Epochs,
    BatchSize = options.Batch,
    Seed = 2026,
    ValidationFraction = 0.1,
};
if (options.Model == "cnn")
{
    // Large steps early, small ones late (cosine annealing), and mirrored images: worth about a point of accuracy.
    trainerOptions = trainerOptions with
    {
        LearningRateSchedule = LearningRateSchedules.Cosine(1e-3, options.Epochs),
        Augmentation = FashionMnist.Augmentation,
    };
}

var trainer = new Trainer<int>(trainerOptions);
var clock = Stopwatch.StartNew();
TrainingHistory history = trainer.Fit(model, train);
clock.Stop();

(double testLoss, double? testAccuracy) = trainer.Evaluate(model, test);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"test_loss={testLoss:F4} test_acc={testAccuracy:F4} epochs={history.Count} mean_epoch_s={clock.Elapsed.TotalSeconds / history.Count:F2}"));

model.Save(options.OutputPath);
using ISupervisedModel<int> reloaded = Create(options);
reloaded.Load(options.OutputPath);
(_, double? reloadedAccuracy) = trainer.Evaluate(reloaded, test);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"saved {options.OutputPath}; reloaded test_acc={reloadedAccuracy:F4}"));
return reloadedAccuracy == testAccuracy ? 0 : 3;

static ISupervisedModel<int> Create(SampleOptions options)
{
    var modelOptions = new ModelOptions { Threads = options.Threads };
    return options.Model == "cnn" ? new FashionCnn(modelOptions) : new FashionMlp(modelOptions);
}

static int[] Range(int count)
{
    var indices = new int[count];
    for (int i = 0; i < count; i++)
    {
        indices[i] = i;
    }

    return indices;
}
