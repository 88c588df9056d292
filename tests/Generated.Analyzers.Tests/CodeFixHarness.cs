using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Generated.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace Generated.Analyzers.Tests;

/// <summary>
/// Puts one source file in an AdhocWorkspace project (same references as <see cref="AnalyzerHarness"/>), runs the
/// analyzer on it and offers each diagnostic to <see cref="ModelCodeFixProvider"/>, as the IDE's light bulb does.
/// </summary>
internal static class CodeFixHarness
{
    /// <summary>The code actions offered for the one diagnostic with <paramref name="id"/> in <paramref name="source"/>.</summary>
    public static async Task<(Document Document, ImmutableArray<CodeAction> Actions)> OfferAsync(string source, string id)
    {
        Document document = CreateDocument(source);
        Compilation compilation = (await document.Project.GetCompilationAsync())!;
        AnalysisResult result = await AnalyzerHarness.AnalyzeAsync(compilation);
        Diagnostic diagnostic = Assert.Single(result.Diagnostics, d => d.Id == id);

        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        var provider = new ModelCodeFixProvider();
        if (provider.FixableDiagnosticIds.Contains(id))
        {
            await provider.RegisterCodeFixesAsync(context);
        }

        return (document, actions.ToImmutableArray());
    }

    /// <summary>Applies an action the way the IDE does (including simplification and formatting) and returns the new text.</summary>
    public static async Task<string> ApplyAsync(Document document, CodeAction action)
    {
        ImmutableArray<CodeActionOperation> operations = await action.GetOperationsAsync(CancellationToken.None);
        ApplyChangesOperation apply = Assert.Single(operations.OfType<ApplyChangesOperation>());
        Document changed = apply.ChangedSolution.GetDocument(document.Id)!;
        SourceText text = await changed.GetTextAsync();
        return text.ToString();
    }

    private static Document CreateDocument(string source)
    {
        var workspace = new AdhocWorkspace();
        CSharpCompilation template = AnalyzerHarness.CreateCompilation();
        ProjectInfo project = ProjectInfo.Create(
            ProjectId.CreateNewId(),
            VersionStamp.Default,
            "FixedModels",
            "FixedModels",
            LanguageNames.CSharp,
            compilationOptions: template.Options,
            parseOptions: AnalyzerHarness.ParseOptions,
            metadataReferences: template.References);
        Solution solution = workspace.CurrentSolution.AddProject(project);
        DocumentId documentId = DocumentId.CreateNewId(project.Id);
        solution = solution.AddDocument(documentId, "Source0.cs", SourceText.From(source));
        if (!workspace.TryApplyChanges(solution))
        {
            throw new InvalidOperationException("The workspace refused the test project.");
        }

        return workspace.CurrentSolution.GetDocument(documentId)!;
    }
}
