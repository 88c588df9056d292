using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace Generated.SourceGeneration;

/// <summary>
/// Applies the fix a model rule attached to its diagnostic (see <see cref="FixPlan"/>). The rules decide what the
/// correction is; this provider only knows how to set or remove an attribute argument and add or remove a
/// layer member, so every fix is a small, predictable edit of the user's declaration.
/// </summary>
[ExportCodeFixProvider(Microsoft.CodeAnalysis.LanguageNames.CSharp, Name = nameof(ModelCodeFixProvider))]
[Shared]
public sealed class ModelCodeFixProvider : CodeFixProvider
{
    /// <summary>The diagnostics whose rules attach a fix (a test checks this against what the analyzer reports).</summary>
    public static readonly ImmutableArray<string> FixableIds = ImmutableArray.Create(
        "GEN013", "GEN019", "GEN022",
        "GEN101", "GEN102", "GEN103", "GEN104", "GEN107", "GEN108", "GEN109", "GEN110", "GEN111", "GEN112",
        "GEN114", "GEN115", "GEN117", "GEN118", "GEN119", "GEN121");

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds => FixableIds;

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (FixPlan.Read(diagnostic.Properties) is not { } plan)
            {
                continue;
            }

            Document document = context.Document;
            context.RegisterCodeFix(
                CodeAction.Create(plan.Title, cancellation => ApplyAsync(document, diagnostic, plan.Edits, cancellation), equivalenceKey: diagnostic.Id),
                diagnostic);
        }

        return Task.CompletedTask;
    }

    private static async Task<Document> ApplyAsync(Document document, Diagnostic diagnostic, IReadOnlyList<FixEdit> edits, CancellationToken cancellation)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(cancellation).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        DocumentEditor editor = await DocumentEditor.CreateAsync(document, cancellation).ConfigureAwait(false);
        string newLine = root.DescendantTrivia().FirstOrDefault(t => t.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.EndOfLineTrivia)).ToString() is { Length: > 0 } eol ? eol : "\n";
        foreach (FixEdit edit in edits)
        {
            Location? location = edit.Target == 0 ? diagnostic.Location
                : edit.Target - 1 < diagnostic.AdditionalLocations.Count ? diagnostic.AdditionalLocations[edit.Target - 1] : null;
            if (location is null || !location.IsInSource || location.SourceTree != root.SyntaxTree || !root.FullSpan.Contains(location.SourceSpan))
            {
                return document;
            }

            SyntaxNode node = root.FindNode(location.SourceSpan, getInnermostNodeForTie: true);
            if (!Apply(editor, node, edit, newLine))
            {
                // The code changed under the diagnostic: offer nothing rather than a half-applied fix.
                return document;
            }
        }

        return editor.GetChangedDocument();
    }

    private static bool Apply(DocumentEditor editor, SyntaxNode node, FixEdit edit, string newLine)
    {
        switch (edit.Kind)
        {
            case FixEditKind.SetArgument:
            case FixEditKind.RemoveArgument:
                if (node.FirstAncestorOrSelf<AttributeSyntax>() is not { } attribute)
                {
                    return false;
                }

                editor.ReplaceNode(attribute, (current, _) => edit.Kind == FixEditKind.SetArgument
                    ? AttributeArguments.Set((AttributeSyntax)current, edit.Name, edit.Position, edit.Text)
                    : AttributeArguments.Remove((AttributeSyntax)current, edit.Name, edit.Position));
                return true;
            case FixEditKind.RemoveMember:
                if (node.FirstAncestorOrSelf<MemberDeclarationSyntax>() is not PropertyDeclarationSyntax removed)
                {
                    return false;
                }

                editor.RemoveNode(removed);
                return true;
            case FixEditKind.InsertMemberBefore:
                if (node.FirstAncestorOrSelf<MemberDeclarationSyntax>() is not PropertyDeclarationSyntax anchor
                    || MemberText.Parse(edit.Text, anchor, newLine) is not { } inserted)
                {
                    return false;
                }

                editor.InsertBefore(anchor, inserted);
                return true;
            default:
                return false;
        }
    }
}
