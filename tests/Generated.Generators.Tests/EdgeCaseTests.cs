using System;
using Xunit;

namespace Generated.Generators.Tests;

/// <summary>
/// Declarations at the edges of what users write. The rule under test everywhere: the generator never crashes and
/// never adds a compiler error of its own; a model it cannot build gets a GEN diagnostic from the analyzer and
/// stubs that keep the user's code compiling. Tests skipped with "bug:" document known generator defects.
/// </summary>
public sealed class EdgeCaseTests
{
    private const string Header = "using Generated;\n";
    private const string Mse = "[Model(4)][Loss(Loss.MeanSquaredError)] ";

    public static TheoryData<string, string> CompilingEdgeCases => new()
    {
        { "unicode identifiers", Mse + "public partial class Модель { [Dense(2)] public partial Layer Слой { get; } }" },
        { "namespace inside Generated", "namespace Generated.Kernels.User { " + Mse + "public partial class M { [Dense(2)] public partial Layer X { get; } } }" },
        { "user type named System", "namespace Foo { public class System { } " + Mse + "public partial class M { [Dense(2)] public partial Layer X { get; } } }" },
        { "user type named Generated", "namespace Foo { public class Generated { } [global::Generated.Model(4)][global::Generated.Loss(global::Generated.Loss.MeanSquaredError)] public partial class M { [global::Generated.Dense(2)] public partial global::Generated.Layer X { get; } } }" },
        { "user declares IDisposable", Mse + "public sealed partial class M : System.IDisposable { [Dense(2)] public partial Layer X { get; } }" },
        { "user adds members", Mse + "public partial class M { [Dense(2)] public partial Layer X { get; } public int Extra => X.Parameters.Count; private static int Helper() => 1; }" },
        { "second partial declaration elsewhere", Mse + "public partial class M { [Dense(2)] public partial Layer X { get; } } public partial class M { public string Describe() => Summary(); }" },
        { "fully qualified attributes", "[global::Generated.Model(4)][global::Generated.Loss(global::Generated.Loss.MeanSquaredError)] public partial class M { [global::Generated.Dense(2)] public partial global::Generated.Layer X { get; } }" },
        { "attribute suffix spelled out", "[ModelAttribute(4)][LossAttribute(Loss.MeanSquaredError)] public partial class M { [DenseAttribute(2)] public partial Layer X { get; } }" },
        { "dropout only, no parameters", Mse + "public partial class M { [Dropout(0.5)] public partial Layer X { get; } }" },
        { "extreme but legal hyperparameters", "[Model(4, MaxBatch = 1, Seed = long.MinValue)][Loss(Loss.MeanSquaredError)][Optimizer(Optimizer.Sgd, LearningRate = double.MaxValue, Momentum = 0.999999)] public partial class M { [Dense(2, LeakySlope = -0.5)] public partial Layer X { get; } }" },
        { "static class without layers", Mse + "public static partial class M { }" },
        { "class without [Model] is ignored", "public partial class NotAModel { public int Dense => 1; }" },
    };

    [Theory]
    [MemberData(nameof(CompilingEdgeCases))]
    public void Edge_case_generates_without_adding_errors(string name, string body)
    {
        GeneratorRun run = GeneratorHarness.Run(Header + body);

        GeneratorHarness.AssertGeneratorClean(run);
        Assert.True(run.Errors.IsEmpty, name + ":\n" + GeneratorHarness.Describe(run.Errors) + "\n" + run.AllGeneratedText);
    }

    [Fact]
    public void Model_too_large_for_one_arena_does_not_crash_the_generator()
    {
        GeneratorRun run = GeneratorHarness.Run(Header + "[Model(100000)][Loss(Loss.MeanSquaredError)] public partial class Huge { [Dense(100000)] public partial Layer X { get; } }");

        GeneratorHarness.AssertGeneratorClean(run);
        Assert.True(run.Errors.IsEmpty, GeneratorHarness.Describe(run.Errors));
    }

    [Fact]
    public void Input_shape_whose_size_overflows_int_is_not_generated_as_a_valid_model()
    {
        GeneratorRun run = GeneratorHarness.Run(Header + "[Model(65536, 65536)][Loss(Loss.MeanSquaredError)] public partial class Huge { [Dropout(0.5)] public partial Layer X { get; } }");

        GeneratorHarness.AssertGeneratorClean(run);
        Assert.DoesNotContain("InputFeatures = 0;", run.AllGeneratedText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[Dense(2, Activation.LeakyReLU, LeakySlope = double.NaN)]", "")]
    [InlineData("[Dense(2, Activation.LeakyReLU, LeakySlope = 1e300)]", "")]
    [InlineData("[Dense(2)]", "[Optimizer(Optimizer.Adam, Epsilon = 1e300)]")]
    public void Non_finite_float_hyperparameters_never_produce_uncompilable_code(string dense, string optimizer)
    {
        GeneratorRun run = GeneratorHarness.Run(Header + Mse + optimizer + " public partial class M { " + dense + " public partial Layer X { get; } }");

        GeneratorHarness.AssertGeneratorClean(run);
        Assert.True(run.Errors.IsEmpty, GeneratorHarness.Describe(run.Errors));
    }

    [Theory]
    [InlineData("Name")]
    [InlineData("Summary")]
    [InlineData("Parameters")]
    [InlineData("Forward")]
    [InlineData("AOutput")]
    public void Layer_named_like_a_generated_member_is_diagnosed_or_compiles(string layerName)
    {
        GeneratorRun run = GeneratorHarness.Run(Header + Mse + "public partial class M { [Dense(3)] public partial Layer A { get; } [Dense(2)] public partial Layer " + layerName + " { get; } }");

        GeneratorHarness.AssertGeneratorClean(run);
        Assert.True(run.Errors.IsEmpty, GeneratorHarness.Describe(run.Errors));
    }

    [Fact]
    public void Verbatim_identifier_layer_name_compiles()
    {
        GeneratorRun run = GeneratorHarness.Run(Header + Mse + "public partial class M { [Dense(2)] public partial Layer @class { get; } }");

        Assert.True(run.Errors.IsEmpty, GeneratorHarness.Describe(run.Errors));
    }

    [Theory]
    [InlineData("public class Base { public int X => 1; } " + Mse + "public partial class M : Base { [Dense(2)] public new partial Layer X { get; } }")]
    [InlineData(Mse + "public partial class M { [Dense(2)] public virtual partial Layer X { get; } }")]
    public void Inheritance_modifiers_on_layers_are_carried_to_the_implementation(string body)
    {
        GeneratorRun run = GeneratorHarness.Run(Header + body);

        Assert.True(run.Errors.IsEmpty, GeneratorHarness.Describe(run.Errors));
    }

    [Fact]
    public void User_parameterless_constructor_is_diagnosed_or_compiles()
    {
        GeneratorRun run = GeneratorHarness.Run(Header + Mse + "public partial class M { public M() { } [Dense(2)] public partial Layer X { get; } }");

        Assert.True(run.Errors.IsEmpty, GeneratorHarness.Describe(run.Errors));
    }

    /// <summary>Declarations the analyzer rejects (GEN005/GEN007/GEN014): the stub must not add compiler errors on top.</summary>
    public static TheoryData<string, string> RejectedDeclarations => new()
    {
        { "GEN005 setter", Mse + "public partial class M { [Dense(2)] public partial Layer X { get; set; } }" },
        { "GEN005 static", Mse + "public partial class M { [Dense(2)] public static partial Layer X { get; } }" },
        { "GEN005 wrong type", Mse + "public partial class M { [Dense(2)] public partial int X { get; } }" },
        { "GEN005 nullable Layer", Mse + "public partial class M { [Dense(2)] public partial Layer? X { get; } }" },
        { "GEN005 not partial", Mse + "public partial class M { [Dense(2)] public Layer X { get; } = null!; }" },
        { "GEN014 two layer attributes", Mse + "public partial class M { [Dense(2)][Dropout(0.1)] public partial Layer X { get; } }" },
        { "GEN007 nested", "public partial class Outer { " + Mse + "public partial class M { [Dense(2)] public partial Layer X { get; } } }" },
        { "GEN007 generic", Mse + "public partial class M<T> { [Dense(2)] public partial Layer X { get; } }" },
        { "GEN007 not partial", Mse + "public class M { public Layer? X { get; } }" },
        { "GEN007 static", Mse + "public static partial class M { [Dense(2)] public static Layer X => null!; }" },
    };

    [Theory]
    [MemberData(nameof(RejectedDeclarations))]
    public void Stub_for_a_rejected_declaration_adds_no_compiler_errors_in_generated_code(string name, string body)
    {
        GeneratorRun run = GeneratorHarness.Run(Header + body);

        GeneratorHarness.AssertGeneratorClean(run);
        Assert.DoesNotContain("ISupervisedModel", run.AllGeneratedText, StringComparison.Ordinal);
        Assert.True(run.Errors.IsEmpty, name + ":\n" + GeneratorHarness.Describe(run.Errors) + "\n" + run.AllGeneratedText);
    }

    [Fact]
    public void Record_model_is_either_generated_or_diagnosed()
    {
        GeneratorRun run = GeneratorHarness.Run(Header + Mse + "public partial record M { [Dense(2)] public partial Layer X { get; } }");

        Assert.True(run.Errors.IsEmpty, GeneratorHarness.Describe(run.Errors));
    }
}
