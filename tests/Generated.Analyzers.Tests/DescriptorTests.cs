using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Generated.SourceGeneration;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Generated.Analyzers.Tests;

/// <summary>The analyzer's public face: one descriptor per id, enabled, with the severity its id range promises and a help link to its own entry.</summary>
public sealed class DescriptorTests
{
    private static readonly ImmutableArray<DiagnosticDescriptor> Descriptors = new ModelDeclarationAnalyzer().SupportedDiagnostics;

    [Fact]
    public void Every_descriptor_has_a_help_link_containing_its_id()
    {
        Assert.Equal(54, Descriptors.Length);
        Assert.All(Descriptors, descriptor =>
        {
            Assert.False(string.IsNullOrEmpty(descriptor.HelpLinkUri), descriptor.Id + " has no help link");
            Assert.True(Uri.TryCreate(descriptor.HelpLinkUri, UriKind.Absolute, out Uri? uri), descriptor.Id + ": " + descriptor.HelpLinkUri);
            Assert.Equal("https", uri!.Scheme);
            Assert.Contains(descriptor.Id, descriptor.HelpLinkUri, StringComparison.OrdinalIgnoreCase);
            Assert.EndsWith("#" + descriptor.Id.ToLowerInvariant(), descriptor.HelpLinkUri, StringComparison.Ordinal);
        });
        Assert.Equal(Descriptors.Length, Descriptors.Select(d => d.HelpLinkUri).Distinct().Count());
    }

    [Fact]
    public void Every_descriptor_is_enabled_with_a_title_a_category_and_the_severity_its_id_range_promises()
    {
        Assert.Equal(Descriptors.Length, Descriptors.Select(d => d.Id).Distinct().Count());
        Assert.All(Descriptors, descriptor =>
        {
            Assert.Matches("^GEN[0-9]{3}$", descriptor.Id);
            bool declarationError = string.CompareOrdinal(descriptor.Id, "GEN100") < 0;

            // GEN0xx: the model cannot be built (errors). GEN1xx: risky choices (warnings; GEN121 is a style suggestion).
            DiagnosticSeverity expected = declarationError ? DiagnosticSeverity.Error
                : descriptor.Id == "GEN121" ? DiagnosticSeverity.Info
                : DiagnosticSeverity.Warning;
            Assert.Equal(expected, descriptor.DefaultSeverity);
            Assert.True(descriptor.IsEnabledByDefault, descriptor.Id);
            Assert.Equal(declarationError ? "Generated.Model" : "Generated.Training", descriptor.Category);
            Assert.False(string.IsNullOrWhiteSpace(descriptor.Title.ToString(CultureInfo.InvariantCulture)), descriptor.Id);
            Assert.False(string.IsNullOrWhiteSpace(descriptor.MessageFormat.ToString(CultureInfo.InvariantCulture)), descriptor.Id);
        });
    }

    [Fact]
    public void Every_message_format_accepts_its_arguments()
    {
        // string.Format throws on a malformed format (e.g. an unescaped brace); six arguments cover every message.
        Assert.All(Descriptors, descriptor =>
        {
            string message = string.Format(CultureInfo.InvariantCulture, descriptor.MessageFormat.ToString(CultureInfo.InvariantCulture), "a", "b", "c", "d", "e", "f");
            Assert.DoesNotContain("{0}", message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Release_tracking_file_lists_every_id()
    {
        string? directory = AppContext.BaseDirectory;
        while (directory is not null && !System.IO.File.Exists(System.IO.Path.Combine(directory, "src", "Analyzers", "AnalyzerReleases.Unshipped.md")))
        {
            directory = System.IO.Path.GetDirectoryName(directory);
        }

        Assert.NotNull(directory);
        string unshipped = System.IO.File.ReadAllText(System.IO.Path.Combine(directory, "src", "Analyzers", "AnalyzerReleases.Unshipped.md"));
        string shipped = System.IO.File.ReadAllText(System.IO.Path.Combine(directory, "src", "Analyzers", "AnalyzerReleases.Shipped.md"));
        Assert.All(Descriptors, descriptor =>
            Assert.True(
                unshipped.Contains(descriptor.Id + " ", StringComparison.Ordinal) || shipped.Contains(descriptor.Id + " ", StringComparison.Ordinal),
                descriptor.Id + " is missing from the analyzer release tracking files"));
    }
}
