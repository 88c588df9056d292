using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Generated.SourceGeneration;

/// <summary>
/// Reports why a <c>[Model]</c> declaration cannot be generated, on the exact argument at fault. It runs the
/// generator's own parser and shape inference, so a model is rejected here exactly when the generator
/// emits no code for it.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ModelDeclarationAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => DiagnosticDescriptors.All;

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

            ImmutableArray<ModelProblem> problems;
            try
            {
                problems = ModelParser.Parse(type, attribute, context.CancellationToken).Problems;
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
                    context.ReportDiagnostic(Diagnostic.Create(descriptor, problem.Location, problem.MessageArguments));
                }
            }

            return;
        }
    }
}
