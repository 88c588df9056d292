using System;
using System.Globalization;
using System.Text.RegularExpressions;
using Xunit;

namespace Generated.Generators.Tests;

/// <summary>The generated text depends on the declaration only: not on the build machine's culture, nor on the run.</summary>
public sealed partial class DeterminismTests
{
    /// <summary>A model with a float in every place one can appear: rates, slopes, learning rate and Adam constants.</summary>
    private const string FloatHeavyModel = """
        using Generated;

        namespace Samples.Floats;

        [Model(12, MaxBatch = 8, Seed = -3)]
        [Loss(Loss.SoftmaxCrossEntropy)]
        [Optimizer(Optimizer.Adam, LearningRate = 0.0025, Beta1 = 0.85, Beta2 = 0.995, Epsilon = 1.5e-7)]
        public partial class FloatHeavy
        {
            [Dense(1200, Activation.LeakyReLU, LeakySlope = 0.125)] public partial Layer Hidden1 { get; }
            [Dropout(0.2)] public partial Layer Drop1 { get; }
            [Dense(8, Activation.Tanh)] public partial Layer Hidden2 { get; }
            [Dropout(0.35)] public partial Layer Drop2 { get; }
            [Dense(3)] public partial Layer Logits { get; }
        }
        """;

    public static TheoryData<string> Cultures => new() { "de-DE", "fr-FR", "ar-SA", "sv-SE", "hi-IN" };

    [Theory]
    [MemberData(nameof(Cultures))]
    public void Generated_text_is_identical_under_any_culture(string name)
    {
        var culture = CultureInfo.GetCultureInfo(name);
        string invariant = GenerateUnder(CultureInfo.InvariantCulture);
        string localized = GenerateUnder(culture);

        Assert.Equal(invariant, localized);
    }

    [Fact]
    public void Cultures_under_test_really_use_a_decimal_comma()
    {
        // Without ICU these would silently behave like the invariant culture and the tests above would prove nothing.
        Assert.Equal(",", CultureInfo.GetCultureInfo("de-DE").NumberFormat.NumberDecimalSeparator);
        Assert.Equal(",", CultureInfo.GetCultureInfo("fr-FR").NumberFormat.NumberDecimalSeparator);
        Assert.Equal("0,2", 0.2.ToString(CultureInfo.GetCultureInfo("de-DE")));
    }

    [Fact]
    public void Generated_text_is_identical_under_a_hostile_custom_culture()
    {
        var hostile = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        hostile.NumberFormat.NumberDecimalSeparator = ",";
        hostile.NumberFormat.NumberGroupSeparator = "'";
        hostile.NumberFormat.NegativeSign = "\u2212";
        hostile.NumberFormat.PositiveSign = "\u002B+";

        Assert.Equal(GenerateUnder(CultureInfo.InvariantCulture), GenerateUnder(hostile));
    }

    [Fact]
    public void Float_literals_are_invariant()
    {
        string text = GenerateUnder(CultureInfo.GetCultureInfo("de-DE"));

        Assert.Contains("0.2f", text, StringComparison.Ordinal);
        Assert.Contains("0.35f", text, StringComparison.Ordinal);
        Assert.Contains("0.125f", text, StringComparison.Ordinal);
        Assert.Contains("0.85f", text, StringComparison.Ordinal);
        Assert.Contains("0.995f", text, StringComparison.Ordinal);
        Assert.Contains("0.0025d", text, StringComparison.Ordinal);
        Assert.Contains("-3L", text, StringComparison.Ordinal);
        Assert.DoesNotMatch(DecimalCommaLiteral(), text);
        Assert.DoesNotContain("\u2212", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Generated_code_under_a_decimal_comma_culture_still_compiles()
    {
        CultureInfo saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("fr-FR");
            GeneratorRun run = GeneratorHarness.Run(FloatHeavyModel);
            GeneratorHarness.AssertCompilesCleanly(run);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void Two_fresh_runs_produce_byte_identical_text()
    {
        string first = GeneratorHarness.Run(FloatHeavyModel, ModelSources.FashionMlp, ModelSources.GlobalNamespace).AllGeneratedText;
        string second = GeneratorHarness.Run(ModelSources.GlobalNamespace, ModelSources.FashionMlp, FloatHeavyModel).AllGeneratedText;

        Assert.Equal(first, second);
        Assert.DoesNotContain("\r", first, StringComparison.Ordinal);
    }

    private static string GenerateUnder(CultureInfo culture)
    {
        CultureInfo saved = CultureInfo.CurrentCulture;
        CultureInfo savedUi = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
            GeneratorRun run = GeneratorHarness.Run(FloatHeavyModel, ModelSources.FashionMlp);
            GeneratorHarness.AssertGeneratorClean(run);
            return run.AllGeneratedText;
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
            CultureInfo.CurrentUICulture = savedUi;
        }
    }

    /// <summary>A number with a decimal comma followed by a float/double suffix, e.g. <c>0,2f</c>.</summary>
    [GeneratedRegex(@"\d,\d+[fFdD]\b")]
    private static partial Regex DecimalCommaLiteral();
}
