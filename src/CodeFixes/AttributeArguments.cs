using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace Generated.SourceGeneration;

/// <summary>Sets and removes the arguments of one attribute, keeping the user's argument style (positional, <c>name:</c>, <c>Name =</c>).</summary>
internal static class AttributeArguments
{
    /// <summary>
    /// Replaces the value of the argument when it is written; otherwise adds it positionally when it is the next
    /// positional argument, as <c>name: value</c> when earlier ones are missing, or as <c>Name = value</c> for a property.
    /// </summary>
    public static AttributeSyntax Set(AttributeSyntax attribute, string name, int position, string text)
    {
        ExpressionSyntax value = SyntaxFactory.ParseExpression(text).WithAdditionalAnnotations(Simplifier.Annotation);
        SeparatedSyntaxList<AttributeArgumentSyntax> arguments = attribute.ArgumentList?.Arguments ?? default;
        int index = Find(arguments, name, position);
        if (index >= 0)
        {
            AttributeArgumentSyntax existing = arguments[index];
            return attribute.WithArgumentList(attribute.ArgumentList!.WithArguments(
                arguments.Replace(existing, existing.WithExpression(value.WithTriviaFrom(existing.Expression)))));
        }

        int positional = arguments.Count(IsPositional);
        int constructorArguments = arguments.Count(a => a.NameEquals is null);
        AttributeArgumentSyntax added;
        int insertAt;
        if (position < 0)
        {
            added = SyntaxFactory.AttributeArgument(
                SyntaxFactory.NameEquals(SyntaxFactory.IdentifierName(name), SyntaxFactory.Token(SyntaxKind.EqualsToken).WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space)),
                null,
                value);
            insertAt = arguments.Count;
        }
        else
        {
            bool nextPositional = position == positional && positional == constructorArguments;
            added = nextPositional
                ? SyntaxFactory.AttributeArgument(value)
                : SyntaxFactory.AttributeArgument(null, SyntaxFactory.NameColon(SyntaxFactory.IdentifierName(name)).WithTrailingTrivia(SyntaxFactory.Space), value);
            insertAt = constructorArguments;
        }

        return attribute.WithArgumentList(List(arguments.Insert(insertAt, added)));
    }

    public static AttributeSyntax Remove(AttributeSyntax attribute, string name, int position)
    {
        SeparatedSyntaxList<AttributeArgumentSyntax> arguments = attribute.ArgumentList?.Arguments ?? default;
        int index = Find(arguments, name, position);
        if (index < 0)
        {
            return attribute;
        }

        SeparatedSyntaxList<AttributeArgumentSyntax> remaining = arguments.RemoveAt(index);
        return remaining.Count == 0 ? attribute.WithArgumentList(null) : attribute.WithArgumentList(List(remaining));
    }

    private static int Find(SeparatedSyntaxList<AttributeArgumentSyntax> arguments, string name, int position)
    {
        for (int i = 0; i < arguments.Count; i++)
        {
            string? written = arguments[i].NameEquals?.Name.Identifier.ValueText ?? arguments[i].NameColon?.Name.Identifier.ValueText;
            if (string.Equals(written, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        if (position < 0)
        {
            return -1;
        }

        int seen = 0;
        for (int i = 0; i < arguments.Count; i++)
        {
            if (IsPositional(arguments[i]) && seen++ == position)
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsPositional(AttributeArgumentSyntax argument) => argument.NameEquals is null && argument.NameColon is null;

    /// <summary>A fresh argument list with ", " separators.</summary>
    private static AttributeArgumentListSyntax List(SeparatedSyntaxList<AttributeArgumentSyntax> arguments)
    {
        var separators = Enumerable.Repeat(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space), Math.Max(0, arguments.Count - 1));
        return SyntaxFactory.AttributeArgumentList(SyntaxFactory.SeparatedList(arguments.Select(a => a.WithoutTrivia()), separators));
    }
}
