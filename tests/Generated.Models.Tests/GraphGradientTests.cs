using System;
using Xunit;

namespace Generated.Models.Tests;

/// <summary>
/// Backward passes of graph models (skips, branches, merges, one value read several times) against finite differences
/// of the generated forward pass (see <see cref="GradientCheck"/>), for every parameter.
/// </summary>
public sealed class GraphGradientTests
{
    private const int Batch = 4;

    [Theory]
    [InlineData(typeof(ResidualMlpModel))]
    [InlineData(typeof(ConcatBranchModel))]
    [InlineData(typeof(SharedValueModel))]
    [InlineData(typeof(RepeatedInputModel))]
    [InlineData(typeof(InputSkipModel))]
    [InlineData(typeof(ConvResidualModel))]
    public void Merges_collect_every_readers_gradient(Type modelType)
    {
        using var model = (ISupervisedModel<int>)Activator.CreateInstance(modelType)!;
        GradientCheck.Verify(model, GradientCheck.RandomInputs(Batch * model.InputSize, 81), GradientCheck.RandomLabels(Batch, 3, 82));
    }
}
