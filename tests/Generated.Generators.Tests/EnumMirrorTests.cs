using System;
using System.Linq;
using Generated.SourceGeneration;
using Xunit;

namespace Generated.Generators.Tests;

/// <summary>
/// The generator mirrors the public enums (it must not load the attributes assembly). Names and numeric
/// values must match exactly, or a user's <c>Activation.Tanh</c> would be read as something else.
/// </summary>
public sealed class EnumMirrorTests
{
    [Theory]
    [InlineData(typeof(Activation), typeof(ActivationKind))]
    [InlineData(typeof(Init), typeof(InitKind))]
    [InlineData(typeof(Loss), typeof(LossKind))]
    [InlineData(typeof(Optimizer), typeof(OptimizerKind))]
    [InlineData(typeof(Padding), typeof(PaddingKind))]
    public void Mirror_has_the_same_names_and_values(Type publicEnum, Type mirror)
    {
        Assert.Equal(Describe(publicEnum), Describe(mirror));
    }

    private static string[] Describe(Type enumType) =>
        Enum.GetNames(enumType).Select(name => name + "=" + Convert.ToInt32(Enum.Parse(enumType, name), System.Globalization.CultureInfo.InvariantCulture)).ToArray();
}
