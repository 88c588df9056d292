using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Generated.SourceGeneration;

/// <summary>
/// Reads a <c>[Model]</c> class into a <see cref="ModelSpec"/> and lists every problem with the exact span
/// of the offending argument. Shared, as source, by the generator (which keeps only the spec) and the
/// analyzer (which reports the problems), so the two can never disagree about what a declaration means.
/// </summary>
internal static partial class ModelParser
{
    public const string ModelAttributeName = "Generated.ModelAttribute";
    private const string DenseAttributeName = "Generated.DenseAttribute";
    private const string DropoutAttributeName = "Generated.DropoutAttribute";
    private const string FlattenAttributeName = "Generated.FlattenAttribute";
    private const string ReshapeAttributeName = "Generated.ReshapeAttribute";
    private const string ActivationAttributeName = "Generated.ActivationAttribute";
    private const string BatchNormAttributeName = "Generated.BatchNormAttribute";
    private const string Conv2DAttributeName = "Generated.Conv2DAttribute";
    private const string MaxPool2DAttributeName = "Generated.MaxPool2DAttribute";
    private const string AvgPool2DAttributeName = "Generated.AvgPool2DAttribute";
    private const string GlobalAveragePoolAttributeName = "Generated.GlobalAveragePoolAttribute";
    private const string LayerNormAttributeName = "Generated.LayerNormAttribute";
    private const string EmbeddingAttributeName = "Generated.EmbeddingAttribute";
    private const string LossAttributeName = "Generated.LossAttribute";
    private const string OptimizerAttributeName = "Generated.OptimizerAttribute";
    private const string LayerTypeName = "Generated.Layer";

    public static (ModelSpec Spec, ImmutableArray<ModelProblem> Problems) Parse(
        INamedTypeSymbol type, AttributeData modelAttribute, CancellationToken cancellationToken)
    {
        var problems = new List<ModelProblem>();
        bool hasCompilerErrors = false;
        Location classLocation = type.Locations.FirstOrDefault() ?? Location.None;

        CheckClassShape(type, classLocation, problems);

        int[] inputShape = ParseInputShape(modelAttribute, problems, ref hasCompilerErrors);
        int maxBatch = NamedInt(modelAttribute, "MaxBatch", 256);
        if (maxBatch <= 0)
        {
            problems.Add(new ModelProblem(DiagnosticIds.InvalidMaxBatch, ArgumentLocation(modelAttribute, "MaxBatch"), maxBatch));
        }

        long seed = NamedLong(modelAttribute, "Seed", 42);
        int classes = NamedInt(modelAttribute, "Classes", 0);
        if (classes < 0 || classes == 1)
        {
            problems.Add(new ModelProblem(DiagnosticIds.ClassCountMismatch, ArgumentLocation(modelAttribute, "Classes"),
                "Classes = " + classes + " is not a class count: declare 2 or more, or leave it unset"));
        }

        var layers = new List<LayerSpec>();
        foreach (ISymbol member in type.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            LayerSpec? layer = ParseLayerMember(member, problems, ref hasCompilerErrors);
            if (layer is not null)
            {
                layers.Add(layer);
            }
        }

        layers = ResolveInputs(type, layers, problems);
        if (layers.Count == 0)
        {
            problems.Add(new ModelProblem(DiagnosticIds.NoLayers, classLocation, type.Name));
        }

        LossKind loss = ParseLoss(type, classLocation, problems, ref hasCompilerErrors);
        OptimizerSpec optimizer = ParseOptimizer(type, problems, ref hasCompilerErrors);
        bool hasUserParameterlessConstructor = CheckConstructors(type, problems);
        GeneratedMemberNames.Check(type, layers, problems);

        var spec = new ModelSpec(
            type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : null,
            type.Name,
            new EquatableArray<int>(inputShape),
            maxBatch,
            seed,
            classes,
            loss,
            optimizer,
            new EquatableArray<LayerSpec>(layers.ToArray()),
            DescribeDeclaration(type),
            hasUserParameterlessConstructor,
            IsValid: false);
        spec = ParseLossOptions(spec, type, problems);

        if (problems.Count == 0 && !hasCompilerErrors)
        {
            ShapeInference.Check(spec, modelAttribute, type, classLocation, problems);
        }

        bool valid = problems.Count == 0 && !hasCompilerErrors;
        return (spec with { IsValid = valid }, problems.ToImmutableArray());
    }

    private static void CheckClassShape(INamedTypeSymbol type, Location classLocation, List<ModelProblem> problems)
    {
        bool isPartial = type.DeclaringSyntaxReferences
            .Select(reference => reference.GetSyntax())
            .OfType<TypeDeclarationSyntax>()
            .All(declaration => declaration.Modifiers.Any(SyntaxKind.PartialKeyword));
        if (!isPartial || type.IsStatic || type.IsGenericType || type.IsRecord || type.ContainingType is not null || type.TypeKind != TypeKind.Class)
        {
            problems.Add(new ModelProblem(DiagnosticIds.UnsupportedModelClass, classLocation, type.Name));
        }
    }

    private static int[] ParseInputShape(AttributeData attribute, List<ModelProblem> problems, ref bool hasCompilerErrors)
    {
        if (attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Kind == TypedConstantKind.Error)
        {
            hasCompilerErrors = true;
            return Array.Empty<int>();
        }

        TypedConstant argument = attribute.ConstructorArguments[0];
        int[] shape = argument.IsNull ? Array.Empty<int>() : argument.Values.Select(v => v.Value is int i ? i : 0).ToArray();
        if (shape.Length == 0 || shape.Any(dimension => dimension <= 0))
        {
            problems.Add(new ModelProblem(
                DiagnosticIds.InvalidInputShape,
                shape.Length == 0 ? AttributeLocation(attribute) : ParamsElementLocation(attribute, FirstNonPositive(shape)),
                "[" + string.Join(", ", shape) + "]"));
        }

        return shape;
    }

    /// <summary>True for the attributes that declare a layer.</summary>
    internal static bool IsLayerAttribute(AttributeData attribute) =>
        attribute.AttributeClass?.ToDisplayString() is DenseAttributeName or DropoutAttributeName or FlattenAttributeName
            or ReshapeAttributeName or ActivationAttributeName or BatchNormAttributeName
            or Conv2DAttributeName or MaxPool2DAttributeName or AvgPool2DAttributeName or GlobalAveragePoolAttributeName
            or AddAttributeName or ConcatAttributeName or LayerNormAttributeName or EmbeddingAttributeName;

    /// <summary>The (first) layer attribute on a member, if any.</summary>
    internal static AttributeData? LayerAttribute(ISymbol member) => member.GetAttributes().FirstOrDefault(IsLayerAttribute);

    private static LayerSpec? ParseLayerMember(ISymbol member, List<ModelProblem> problems, ref bool hasCompilerErrors)
    {
        AttributeData[] layerAttributes = member.GetAttributes().Where(IsLayerAttribute).ToArray();
        if (layerAttributes.Length == 0)
        {
            return null;
        }

        Location memberLocation = member.Locations.FirstOrDefault() ?? Location.None;
        if (layerAttributes.Length > 1)
        {
            problems.Add(new ModelProblem(DiagnosticIds.MultipleLayerAttributes, AttributeLocation(layerAttributes[1]), member.Name));
        }

        bool implementable = member is IPropertySymbol property
            && property.IsPartialDefinition
            && !property.IsStatic
            && property.SetMethod is null
            && property.NullableAnnotation != NullableAnnotation.Annotated
            && property.Type.ToDisplayString() == LayerTypeName;
        string modifiers = string.Empty;
        if (!implementable)
        {
            problems.Add(new ModelProblem(DiagnosticIds.LayerMemberNotPartialProperty, memberLocation, member.Name));
        }
        else if (member.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is PropertyDeclarationSyntax syntax)
        {
            // The implementation must repeat every modifier of the definition (accessibility, new, virtual…).
            modifiers = string.Join(" ", syntax.Modifiers.Where(m => !m.IsKind(SyntaxKind.PartialKeyword)).Select(m => m.Text));
        }

        AttributeData attribute = layerAttributes[0];
        if (attribute.ConstructorArguments.Any(a => a.Kind == TypedConstantKind.Error) || attribute.AttributeConstructor is null)
        {
            hasCompilerErrors = true;
            return null;
        }

        LayerSpec layer = attribute.AttributeClass!.ToDisplayString() switch
        {
            DenseAttributeName => ParseDense(member.Name, modifiers, attribute, problems),
            DropoutAttributeName => ParseDropout(member.Name, modifiers, attribute, problems),
            ReshapeAttributeName => ParseReshape(member.Name, modifiers, attribute, problems),
            ActivationAttributeName => ParseActivation(member.Name, modifiers, attribute, problems),
            BatchNormAttributeName => ParseBatchNorm(member.Name, modifiers, attribute, problems),
            Conv2DAttributeName => ParseConv2D(member.Name, modifiers, attribute, problems),
            MaxPool2DAttributeName => ParsePool(member.Name, modifiers, LayerKind.MaxPool2D, attribute, problems),
            AvgPool2DAttributeName => ParsePool(member.Name, modifiers, LayerKind.AvgPool2D, attribute, problems),
            GlobalAveragePoolAttributeName => Layer(member.Name, modifiers, LayerKind.GlobalAveragePool),
            AddAttributeName => Layer(member.Name, modifiers, LayerKind.Add),
            ConcatAttributeName => Layer(member.Name, modifiers, LayerKind.Concat),
            LayerNormAttributeName => ParseLayerNorm(member.Name, modifiers, attribute, problems),
            EmbeddingAttributeName => ParseEmbedding(member.Name, modifiers, attribute, problems),
            _ => Layer(member.Name, modifiers, LayerKind.Flatten),
        };
        return ParseInputNames(layer, attribute) with { Implementable = implementable, StubSignature = StubSignature(member) };
    }

    private static string StubSignature(ISymbol member)
    {
        if (member is not IPropertySymbol { IsPartialDefinition: true } property
            || property.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is not PropertyDeclarationSyntax syntax)
        {
            return string.Empty;
        }

        var format = SymbolDisplayFormat.FullyQualifiedFormat.AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);
        string modifiers = string.Join(" ", syntax.Modifiers.Where(m => !m.IsKind(SyntaxKind.PartialKeyword)).Select(m => m.Text));
        string accessors = string.Join(",", (syntax.AccessorList?.Accessors ?? default).Select(a => a.Keyword.Text));
        string name = SyntaxFacts.GetKeywordKind(property.Name) != SyntaxKind.None ? "@" + property.Name : property.Name;
        return (modifiers.Length == 0 ? string.Empty : modifiers + " ") + "partial " + property.Type.ToDisplayString(format) + " " + name + "|" + accessors;
    }

    private static LayerSpec ParseDense(string name, string modifiers, AttributeData attribute, List<ModelProblem> problems)
    {
        int units = attribute.ConstructorArguments[0].Value is int u ? u : 0;
        if (units <= 0)
        {
            problems.Add(new ModelProblem(DiagnosticIds.InvalidUnits, ArgumentLocation(attribute, 0), name, units));
        }

        ActivationKind activation = ActivationArgument(attribute, 1, name, problems);
        var dense = new LayerSpec(name, modifiers, true, string.Empty, LayerKind.Dense, units, activation, InitKind.Auto, true, 0.01, 0);
        return ParseMaxNorm(ParseWeightOptions(dense, attribute, problems), attribute, problems);
    }

    /// <summary>The optional activation constructor argument at <paramref name="position"/> (Linear when omitted).</summary>
    private static ActivationKind ActivationArgument(AttributeData attribute, int position, string name, List<ModelProblem> problems)
    {
        if (attribute.ConstructorArguments.Length <= position || attribute.ConstructorArguments[position].Value is not int value)
        {
            return ActivationKind.Linear;
        }

        if (!Enum.IsDefined(typeof(ActivationKind), value))
        {
            problems.Add(new ModelProblem(DiagnosticIds.UnknownActivation, ArgumentLocation(attribute, position), name, value));
        }

        return (ActivationKind)value;
    }

    /// <summary>What Dense and Conv2D share: initialiser, bias, leaky slope and the weight penalties.</summary>
    private static LayerSpec ParseWeightOptions(LayerSpec layer, AttributeData attribute, List<ModelProblem> problems)
    {
        string name = layer.Name;
        int initValue = NamedInt(attribute, "Init", 0);
        if (!Enum.IsDefined(typeof(InitKind), initValue))
        {
            problems.Add(new ModelProblem(DiagnosticIds.UnknownEnumValue, ArgumentLocation(attribute, "Init"), "Init", initValue));
        }

        bool useBias = NamedBool(attribute, "UseBias", true);
        double slope = NamedDouble(attribute, "LeakySlope", 0.01);
        RequireFinite(attribute, name, "LeakySlope", slope, problems);

        double constant = NamedDouble(attribute, "InitValue", 0);
        RequireFinite(attribute, name, "InitValue", constant, problems);
        double l1 = NamedDouble(attribute, "L1", 0), l2 = NamedDouble(attribute, "L2", 0), elasticNet = NamedDouble(attribute, "ElasticNet", 0);
        double l1Ratio = NamedDouble(attribute, "L1Ratio", 0.5);
        RequireStrength(attribute, name, "L1", l1, problems);
        RequireStrength(attribute, name, "L2", l2, problems);
        RequireStrength(attribute, name, "ElasticNet", elasticNet, problems);
        if (!(l1Ratio >= 0 && l1Ratio <= 1))
        {
            problems.Add(new ModelProblem(DiagnosticIds.InvalidRegularization, ArgumentLocation(attribute, "L1Ratio"), name, "L1Ratio", Format(l1Ratio), "[0, 1]"));
        }

        LayerSpec parsed = layer with
        {
            Init = (InitKind)initValue,
            UseBias = useBias,
            LeakySlope = slope,
            InitValue = constant,
            L1 = l1,
            L2 = l2,
            ElasticNet = elasticNet,
            L1Ratio = l1Ratio,
        };
        return ParseEluAlpha(ParseInitScale(parsed, attribute, problems), attribute, problems);
    }

    /// <summary>A penalty strength must be a finite float, zero or positive (negative would reward large weights).</summary>
    private static void RequireStrength(AttributeData attribute, string layer, string name, double value, List<ModelProblem> problems)
    {
        if (!(value >= 0 && value <= float.MaxValue))
        {
            problems.Add(new ModelProblem(DiagnosticIds.InvalidRegularization, ArgumentLocation(attribute, name), layer, name, Format(value), "[0, the largest float]"));
        }
    }

    private static void RequireFinite(AttributeData attribute, string layer, string name, double value, List<ModelProblem> problems)
    {
        if (!IsFiniteSingle(value))
        {
            problems.Add(new ModelProblem(DiagnosticIds.InvalidLayerArgument, ArgumentLocation(attribute, name), layer, name, Format(value), "a finite float (the kernels compute in float32)"));
        }
    }

    private static LayerSpec Layer(string name, string modifiers, LayerKind kind) =>
        new(name, modifiers, true, string.Empty, kind, 0, ActivationKind.Linear, InitKind.Auto, false, 0, 0);

    private static LayerSpec ParseReshape(string name, string modifiers, AttributeData attribute, List<ModelProblem> problems)
    {
        TypedConstant argument = attribute.ConstructorArguments[0];
        int[] shape = argument.IsNull ? Array.Empty<int>() : argument.Values.Select(v => v.Value is int i ? i : 0).ToArray();
        if (shape.Length == 0 || shape.Any(dimension => dimension <= 0))
        {
            problems.Add(new ModelProblem(DiagnosticIds.ReshapeElementCount,
                shape.Length == 0 ? AttributeLocation(attribute) : ParamsElementLocation(attribute, FirstNonPositive(shape)),
                name, "[" + string.Join(", ", shape) + "] is not a shape: give one or more positive dimensions"));
        }

        return Layer(name, modifiers, LayerKind.Reshape) with { Shape = new EquatableArray<int>(shape) };
    }

    private static LayerSpec ParseActivation(string name, string modifiers, AttributeData attribute, List<ModelProblem> problems)
    {
        int value = attribute.ConstructorArguments[0].Value is int v ? v : 0;
        if (!Enum.IsDefined(typeof(ActivationKind), value))
        {
            problems.Add(new ModelProblem(DiagnosticIds.UnknownActivation, ArgumentLocation(attribute, 0), name, value));
        }

        double slope = NamedDouble(attribute, "LeakySlope", 0.01);
        RequireFinite(attribute, name, "LeakySlope", slope, problems);
        return ParseEluAlpha(Layer(name, modifiers, LayerKind.Activation) with { Activation = (ActivationKind)value, LeakySlope = slope }, attribute, problems);
    }

    private static LayerSpec ParseBatchNorm(string name, string modifiers, AttributeData attribute, List<ModelProblem> problems)
    {
        double momentum = NamedDouble(attribute, "Momentum", 0.1);
        double epsilon = NamedDouble(attribute, "Epsilon", 1e-5);
        if (!(momentum >= 0 && momentum <= 1))
        {
            problems.Add(new ModelProblem(DiagnosticIds.InvalidLayerArgument, ArgumentLocation(attribute, "Momentum"), name, "Momentum", Format(momentum), "[0, 1]"));
        }

        if (!(epsilon > 0 && epsilon < float.MaxValue))
        {
            problems.Add(new ModelProblem(DiagnosticIds.InvalidLayerArgument, ArgumentLocation(attribute, "Epsilon"), name, "Epsilon", Format(epsilon), "(0, the largest float)"));
        }

        return Layer(name, modifiers, LayerKind.BatchNorm) with { Momentum = momentum, Epsilon = epsilon };
    }

    private static LayerSpec ParseLayerNorm(string name, string modifiers, AttributeData attribute, List<ModelProblem> problems)
    {
        double epsilon = NamedDouble(attribute, "Epsilon", 1e-5);
        if (!(epsilon > 0 && epsilon < float.MaxValue))
        {
            problems.Add(new ModelProblem(DiagnosticIds.InvalidLayerArgument, ArgumentLocation(attribute, "Epsilon"), name, "Epsilon", Format(epsilon), "(0, the largest float)"));
        }

        return Layer(name, modifiers, LayerKind.LayerNorm) with { Epsilon = epsilon };
    }

    private static LayerSpec ParseDropout(string name, string modifiers, AttributeData attribute, List<ModelProblem> problems)
    {
        double rate = attribute.ConstructorArguments[0].Value is double r ? r : double.NaN;
        if (!(rate >= 0 && rate < 1))
        {
            problems.Add(new ModelProblem(DiagnosticIds.InvalidDropoutRate, ArgumentLocation(attribute, 0), name, rate));
        }

        return Layer(name, modifiers, LayerKind.Dropout) with { Rate = rate, Spatial = NamedBool(attribute, "Spatial", false) };
    }

    private static LossKind ParseLoss(INamedTypeSymbol type, Location classLocation, List<ModelProblem> problems, ref bool hasCompilerErrors)
    {
        AttributeData? attribute = FindAttribute(type, LossAttributeName);
        if (attribute is null)
        {
            problems.Add(new ModelProblem(DiagnosticIds.MissingLoss, classLocation, type.Name));
            return LossKind.SoftmaxCrossEntropy;
        }

        if (attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Value is not int value)
        {
            hasCompilerErrors = true;
            return LossKind.SoftmaxCrossEntropy;
        }

        if (!Enum.IsDefined(typeof(LossKind), value))
        {
            problems.Add(new ModelProblem(DiagnosticIds.UnknownEnumValue, ArgumentLocation(attribute, 0), "Loss", value));
        }

        return (LossKind)value;
    }

    private static OptimizerSpec ParseOptimizer(INamedTypeSymbol type, List<ModelProblem> problems, ref bool hasCompilerErrors)
    {
        AttributeData? attribute = FindAttribute(type, OptimizerAttributeName);
        if (attribute is null)
        {
            // Adam at 1e-3 is the documented default: it trains most small models without tuning.
            return new OptimizerSpec(OptimizerKind.Adam, 1e-3, 0, false, 0.9, 0.999, 1e-8);
        }

        if (attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Value is not int value)
        {
            hasCompilerErrors = true;
            return new OptimizerSpec(OptimizerKind.Adam, 1e-3, 0, false, 0.9, 0.999, 1e-8);
        }

        if (!Enum.IsDefined(typeof(OptimizerKind), value))
        {
            problems.Add(new ModelProblem(DiagnosticIds.UnknownEnumValue, ArgumentLocation(attribute, 0), "Optimizer", value));
        }

        var kind = (OptimizerKind)value;
        var spec = new OptimizerSpec(
            kind,
            NamedDouble(attribute, "LearningRate", kind == OptimizerKind.Sgd ? 0.01 : 1e-3),
            NamedDouble(attribute, "Momentum", 0),
            NamedBool(attribute, "Nesterov", false),
            NamedDouble(attribute, "Beta1", 0.9),
            NamedDouble(attribute, "Beta2", 0.999),
            NamedDouble(attribute, "Epsilon", 1e-8));

        RequireRange(attribute, "LearningRate", spec.LearningRate, lowerInclusive: false, 0, float.MaxValue, problems);
        RequireRange(attribute, "Momentum", spec.Momentum, lowerInclusive: true, 0, 1, problems);
        RequireRange(attribute, "Beta1", spec.Beta1, lowerInclusive: true, 0, 1, problems);
        RequireRange(attribute, "Beta2", spec.Beta2, lowerInclusive: true, 0, 1, problems);
        RequireRange(attribute, "Epsilon", spec.Epsilon, lowerInclusive: false, 0, float.MaxValue, problems);
        return spec;
    }

    /// <summary>Requires lower &lt;(=) value &lt; upper; NaN always fails.</summary>
    private static void RequireRange(AttributeData attribute, string name, double value, bool lowerInclusive, double lower, double upper, List<ModelProblem> problems)
    {
        bool aboveLower = lowerInclusive ? value >= lower : value > lower;
        if (!(aboveLower && value < upper))
        {
            string range = (lowerInclusive ? "[" : "(") + Format(lower) + ", " + Format(upper) + ")";
            problems.Add(new ModelProblem(DiagnosticIds.InvalidOptimizerArgument, ArgumentLocation(attribute, name), name, Format(value), range));
        }
    }

    private static string Format(double value) =>
        value >= float.MaxValue ? "the largest float" : value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The kernels run in float32: a value must survive the conversion as a finite number.</summary>
    private static bool IsFiniteSingle(double value) => !double.IsNaN(value) && Math.Abs(value) <= float.MaxValue;

    private static int FirstNonPositive(int[] shape)
    {
        for (int i = 0; i < shape.Length; i++)
        {
            if (shape[i] <= 0)
            {
                return i;
            }
        }

        return 0;
    }

    private static AttributeData? FindAttribute(ISymbol symbol, string fullName) =>
        symbol.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == fullName);

    private static TypedConstant? Named(AttributeData attribute, string name)
    {
        foreach (KeyValuePair<string, TypedConstant> pair in attribute.NamedArguments)
        {
            if (pair.Key == name)
            {
                return pair.Value;
            }
        }

        return null;
    }

    private static int NamedInt(AttributeData attribute, string name, int fallback) =>
        Named(attribute, name)?.Value is int value ? value : fallback;

    private static long NamedLong(AttributeData attribute, string name, long fallback) =>
        Named(attribute, name)?.Value is long value ? value : fallback;

    private static bool NamedBool(AttributeData attribute, string name, bool fallback) =>
        Named(attribute, name)?.Value is bool value ? value : fallback;

    private static double NamedDouble(AttributeData attribute, string name, double fallback) =>
        Named(attribute, name)?.Value is double value ? value : fallback;

    /// <summary>The whole attribute, e.g. <c>Dense(0)</c>.</summary>
    internal static Location AttributeLocation(AttributeData attribute) =>
        attribute.ApplicationSyntaxReference?.GetSyntax() is { } syntax ? syntax.GetLocation() : Location.None;

    /// <summary>
    /// The argument for constructor parameter <paramref name="position"/>, whether written positionally or as
    /// <c>name: value</c>.
    /// </summary>
    internal static Location ArgumentLocation(AttributeData attribute, int position)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax() is not AttributeSyntax { ArgumentList: { } list } syntax)
        {
            return AttributeLocation(attribute);
        }

        string? parameterName = attribute.AttributeConstructor is { } constructor && position < constructor.Parameters.Length
            ? constructor.Parameters[position].Name
            : null;
        foreach (AttributeArgumentSyntax argument in list.Arguments)
        {
            if (argument.NameColon is { } colon && colon.Name.Identifier.ValueText == parameterName)
            {
                return argument.GetLocation();
            }
        }

        AttributeArgumentSyntax[] positional = list.Arguments.Where(a => a.NameEquals is null && a.NameColon is null).ToArray();
        return position < positional.Length ? positional[position].GetLocation() : syntax.GetLocation();
    }

    /// <summary>Element <paramref name="index"/> of a params array written out as separate arguments (else the whole array).</summary>
    internal static Location ParamsElementLocation(AttributeData attribute, int index)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax() is AttributeSyntax { ArgumentList: { } list })
        {
            AttributeArgumentSyntax[] positional = list.Arguments.Where(a => a.NameEquals is null && a.NameColon is null).ToArray();
            if (positional.Length > 1 && index < positional.Length)
            {
                return positional[index].GetLocation();
            }
        }

        return ArgumentLocation(attribute, 0);
    }

    /// <summary>True when a constructor is the user's, not one this generator emitted into the compilation.</summary>
    internal static bool IsUserCode(ISymbol symbol) =>
        symbol.DeclaringSyntaxReferences.Length > 0
        && symbol.DeclaringSyntaxReferences.All(reference => reference.SyntaxTree.FilePath.IndexOf("Generated.SourceGeneration.ModelGenerator", StringComparison.Ordinal) < 0);

    /// <summary>
    /// The generator emits <c>M()</c> and <c>M(ModelOptions?)</c>. A user-written <c>M()</c> replaces the first
    /// (it must chain to <c>this(options)</c>); a user-written <c>M(ModelOptions)</c> is a conflict.
    /// </summary>
    private static bool CheckConstructors(INamedTypeSymbol type, List<ModelProblem> problems)
    {
        bool parameterless = false;
        foreach (IMethodSymbol constructor in type.InstanceConstructors)
        {
            if (constructor.IsImplicitlyDeclared || !IsUserCode(constructor))
            {
                continue;
            }

            if (constructor.Parameters.Length == 0)
            {
                parameterless = true;
            }
            else if (constructor.Parameters.Length == 1 && constructor.Parameters[0].Type.ToDisplayString().TrimEnd('?') == "Generated.ModelOptions")
            {
                problems.Add(new ModelProblem(DiagnosticIds.ConstructorConflict, constructor.Locations.FirstOrDefault() ?? Location.None, type.Name));
            }
        }

        return parameterless;
    }

    /// <summary>The keyword, type parameters and containing types needed to write another part of the type.</summary>
    private static TypeDeclarationSpec DescribeDeclaration(INamedTypeSymbol type)
    {
        bool canAddPart = true;
        var containing = new List<string>();
        string keyword = "class", typeParameters = string.Empty;
        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            TypeDeclarationSyntax[] declarations = current.DeclaringSyntaxReferences
                .Select(reference => reference.GetSyntax())
                .OfType<TypeDeclarationSyntax>()
                .ToArray();
            if (declarations.Length == 0 || !declarations.All(d => d.Modifiers.Any(SyntaxKind.PartialKeyword)))
            {
                canAddPart = false;
                break;
            }

            TypeDeclarationSyntax first = declarations[0];
            string currentKeyword = first is RecordDeclarationSyntax record
                ? "record" + (record.ClassOrStructKeyword.IsKind(SyntaxKind.None) ? string.Empty : " " + record.ClassOrStructKeyword.Text)
                : first.Keyword.Text;
            string currentParameters = first.TypeParameterList?.ToString() ?? string.Empty;
            if (SymbolEqualityComparer.Default.Equals(current, type))
            {
                keyword = currentKeyword;
                typeParameters = currentParameters;
            }
            else
            {
                containing.Insert(0, "partial " + currentKeyword + " " + current.Name + currentParameters);
            }
        }

        return new TypeDeclarationSpec(keyword, typeParameters, new EquatableArray<string>(containing.ToArray()), canAddPart);
    }

    /// <summary>The named argument <c>Name = value</c>, or the attribute when it is not written.</summary>
    internal static Location ArgumentLocation(AttributeData attribute, string name)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax() is AttributeSyntax { ArgumentList: { } list })
        {
            foreach (AttributeArgumentSyntax argument in list.Arguments)
            {
                if (argument.NameEquals?.Name.Identifier.ValueText == name || argument.NameColon?.Name.Identifier.ValueText == name)
                {
                    return argument.GetLocation();
                }
            }
        }

        return AttributeLocation(attribute);
    }
}
