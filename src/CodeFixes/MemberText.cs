using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace Generated.SourceGeneration;

/// <summary>Turns a member written as text by a rule into syntax laid out like the member it goes next to.</summary>
internal static class MemberText
{
    public static MemberDeclarationSyntax? Parse(string text, MemberDeclarationSyntax neighbour, string newLine)
    {
        if (SyntaxFactory.ParseMemberDeclaration(text) is not { } member || member.ContainsDiagnostics)
        {
            return null;
        }

        // Same indentation as the neighbour; its comments stay with it.
        SyntaxTrivia[] indentation = neighbour.GetLeadingTrivia().Reverse().TakeWhile(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).Reverse().ToArray();
        return member
            .WithLeadingTrivia(indentation)
            .WithTrailingTrivia(SyntaxFactory.EndOfLine(newLine))
            .WithAdditionalAnnotations(Simplifier.Annotation);
    }
}
