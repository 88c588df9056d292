using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Generated.SourceGeneration;

/// <summary>
/// Reports why a <c>[Model]</c> declaration cannot be generated, on the exact argument at fault, and, for a model
/// that can be, the risky choices that will make it train badly (GEN1xx). It runs the generator's own parser and
/// shape inference, so a model is rejected here exactly when the generator emits no code for it.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ModelDeclarationAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = DiagnosticDescriptors.All.AddRange(RiskDescriptors.All);

    /// <summary>The risky-choice rules, run in this order on every valid model.</summary>
    private static readonly Action<ModelContext>[] Rules =
    {
        LossRules.DoubleSoftmax,
        LossRules.LogitsIntoProbabilityLoss,
        LossRules.RegressionLossOnClassifier,
        LossRules.OutputRangeTooNarrow,
        ArchitectureRules.VanishingGradientStack,
        ArchitectureRules.DeepPlainStack,
        InitRules.InitDoesNotFitActivation,
        InitRules.ConstantInit,
        ArchitectureRules.MissingNonLinearity,
        ArchitectureRules.RepeatedActivation,
        ArchitectureRules.HiddenSoftmax,
        NormalizationRules.BiasBeforeBatchNorm,
        NormalizationRules.DropoutBeforeBatchNorm,
        NormalizationRules.DropoutAfterOutput,
        NormalizationRules.HighDropoutRate,
        NormalizationRules.BatchNormWithBatchOne,
        NormalizationRules.BatchOneWithSgd,
        OptimizerRules.LearningRateOutOfRange,
        OptimizerRules.TinyAdamEpsilon,
        OptimizerRules.StrongL2,
        OptimizerRules.L1AndL2,
    };

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            // Resolve the attribute type once per compilation; projects without it pay nothing.
            INamedTypeSymbol? modelAttribute = start.Compilation.GetTypeByMetadataName(ModelParser.ModelAttributeName);
            if (modelAttribute is null)
            {
                return;
            }

            start.RegisterSymbolAction(symbolContext => AnalyzeType(symbolContext, modelAttribute), SymbolKind.NamedType);
        });
    }

    private static void AnalyzeType(SymbolAnalysisContext context, INamedTypeSymbol modelAttribute)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        foreach (AttributeData attribute in type.GetAttributes())
        {
            if (!SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, modelAttribute))
            {
                continue;
            }

            ModelSpec spec;
            ImmutableArray<ModelProblem> problems;
            try
            {
                (spec, problems) = ModelParser.Parse(type, attribute, context.CancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A half-typed declaration must never take the IDE down; report nothing rather than crash.
                return;
            }

            foreach (ModelProblem problem in problems)
            {
                DiagnosticDescriptor? descriptor = DiagnosticDescriptors.Find(problem.Id);
                if (descriptor is not null)
                {
                    context.ReportDiagnostic(Diagnostic.Create(descriptor, problem.Location, ErrorFixes.For(problem, spec, type), problem.MessageArguments));
                }
            }

            if (spec.IsValid)
            {
                // Risky choices only matter once the model is buildable; on a broken one they would be noise.
                ReportRisks(context, spec, type, attribute);
            }

            return;
        }
    }

    private static void ReportRisks(SymbolAnalysisContext context, ModelSpec spec, INamedTypeSymbol type, AttributeData attribute)
    {
        (int[][] shapes, ShapeInference.ShapeError? error) = ShapeInference.Infer(spec);
        if (error is not null)
        {
            return;
        }

        var model = new ModelContext(context, spec, shapes, type, attribute);
        foreach (Action<ModelContext> rule in Rules)
        {
            model.Run(rule);
        }
    }
}
