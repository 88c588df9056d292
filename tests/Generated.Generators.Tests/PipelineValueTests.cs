using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using Generated.SourceGeneration;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Generated.Generators.Tests;

/// <summary>
/// After the parse step nothing in the pipeline may hold Roslyn objects: they would keep whole compilations
/// alive and defeat caching. Every value every tracked step produced is walked by reflection.
/// </summary>
public sealed class PipelineValueTests
{
    private static readonly Type[] Forbidden =
    {
        typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(Compilation), typeof(SemanticModel),
        typeof(Location), typeof(AttributeData), typeof(SyntaxToken), typeof(SyntaxReference),
    };

    public static TheoryData<string> Sources => new()
    {
        ModelSources.FashionMlp,
        ModelSources.TwoModelsOneFile,
        ModelSources.ImplicitlyPrivate,
        ModelSources.ImageBatchNorm,
        ModelSources.ReshapeAndActivations,
        // Invalid models take the stub path: their specs and plans must be just as plain.
        ModelSources.FashionMlp.Replace("[Dense(256, Activation.ReLU)]", "[Dense(0, (Activation)42)]", StringComparison.Ordinal),
        ModelSources.FashionMlp.Replace("[Model(784, MaxBatch = 32, Seed = 7)]", "[Model]", StringComparison.Ordinal),
    };

    [Theory]
    [MemberData(nameof(Sources))]
    public void Step_outputs_hold_no_symbols_syntax_compilations_or_locations(string source)
    {
        GeneratorRun run = GeneratorHarness.Run(source);
        int walked = 0;
        var violations = new List<string>();

        // Roslyn's own steps (ForAttributeWithMetadataName internals, "Compilation", "SourceOutput") carry syntax
        // trees and compilations by design; every step the generator itself names uses the Generated. prefix.
        var ownSteps = run.Result.TrackedSteps.Where(s => s.Key.StartsWith("Generated.", StringComparison.Ordinal)).ToArray();
        Assert.Equal(
            new[] { TrackingNames.Emit, TrackingNames.Parse, TrackingNames.Plan },
            ownSteps.Select(s => s.Key).Order(StringComparer.Ordinal).ToArray());
        foreach ((string step, ImmutableArray<IncrementalGeneratorRunStep> runs) in ownSteps)
        {
            foreach (IncrementalGeneratorRunStep stepRun in runs)
            {
                foreach ((object value, _) in stepRun.Outputs)
                {
                    walked++;
                    Walk(value, step, new HashSet<object>(ReferenceEqualityComparer.Instance), violations);
                }
            }
        }

        Assert.True(walked >= 3, "only " + walked + " step outputs were tracked");
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Fact]
    public void Pipeline_records_declare_no_roslyn_typed_members()
    {
        // Static check as well: a Location-typed member that happens to be null at run time still counts.
        Type[] pipelineTypes =
        {
            typeof(ModelSpec), typeof(LayerSpec), typeof(OptimizerSpec), typeof(ModelPlan), typeof(LayerPlan), typeof(GeneratedFile),
            typeof(EquatableArray<int>), typeof(EquatableArray<LayerSpec>), typeof(EquatableArray<LayerPlan>),
        };
        foreach (Type type in pipelineTypes)
        {
            foreach (FieldInfo field in AllFields(type))
            {
                Assert.False(IsForbidden(ElementType(field.FieldType)), type.Name + "." + field.Name + " is " + field.FieldType);
                Assert.NotEqual(typeof(object), ElementType(field.FieldType));
            }
        }
    }

    [Fact]
    public void The_walker_finds_roslyn_objects_hidden_in_tuples_arrays_and_records()
    {
        // Guard against a walker that silently checks nothing.
        var violations = new List<string>();
        Walk((1, "x", Location.None), "tuple", new HashSet<object>(ReferenceEqualityComparer.Instance), violations);
        Walk(new object[] { new List<object> { GeneratorHarness.CreateCompilation() } }, "array", new HashSet<object>(ReferenceEqualityComparer.Instance), violations);
        Walk(new Holder(ImmutableArray.Create<object>(GeneratorHarness.Parse("class C { }").GetRoot())), "record", new HashSet<object>(ReferenceEqualityComparer.Instance), violations);

        Assert.Equal(3, violations.Count);
        Assert.Contains(violations, v => v.StartsWith("tuple.Item3", StringComparison.Ordinal));
    }

    private static void Walk(object? value, string path, HashSet<object> visited, List<string> violations)
    {
        if (value is null)
        {
            return;
        }

        Type type = value.GetType();
        if (!type.IsValueType && !visited.Add(value))
        {
            return;
        }

        if (IsForbidden(type))
        {
            violations.Add(path + " is a " + type.FullName);
            return;
        }

        if (type.IsPrimitive || type.IsEnum || value is string or decimal or Type or Delegate or Pointer)
        {
            return;
        }

        if (value is IEnumerable sequence)
        {
            int index = 0;
            foreach (object? item in sequence)
            {
                Walk(item, path + "[" + index++ + "]", visited, violations);
            }
        }

        // Fields cover auto-property backing fields, record members, tuple items and array wrappers' storage.
        foreach (FieldInfo field in AllFields(type))
        {
            if (!field.FieldType.IsPointer && !field.FieldType.IsByRefLike)
            {
                Walk(field.GetValue(value), path + "." + field.Name.Replace(">k__BackingField", string.Empty, StringComparison.Ordinal).TrimStart('<'), visited, violations);
            }
        }
    }

    private static IEnumerable<FieldInfo> AllFields(Type type)
    {
        for (Type? current = type; current is not null && current != typeof(object); current = current.BaseType)
        {
            foreach (FieldInfo field in current.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                yield return field;
            }
        }
    }

    private static Type ElementType(Type type) => type.IsArray ? ElementType(type.GetElementType()!) : type;

    private static bool IsForbidden(Type type) => Forbidden.Any(f => f.IsAssignableFrom(type));

    private sealed record Holder(ImmutableArray<object> Items);
}
