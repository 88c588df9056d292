using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;

namespace Generated.SourceGeneration;

/// <summary>What one edit of a code fix does to the syntax its location points into.</summary>
internal enum FixEditKind
{
    /// <summary>Set an attribute argument: replace its value when written, else add it (positionally when it is the next positional one).</summary>
    SetArgument,

    /// <summary>Remove an attribute argument, so the attribute default applies.</summary>
    RemoveArgument,

    /// <summary>Remove the whole layer member.</summary>
    RemoveMember,

    /// <summary>Insert a member (given as source text) before the layer member.</summary>
    InsertMemberBefore,
}

/// <summary>
/// One edit. <paramref name="Target"/> picks the location it applies to: 0 is the diagnostic's location,
/// k is its additional location k − 1. <paramref name="Name"/> is the argument's name (constructor parameter or
/// property), <paramref name="Position"/> its constructor position (−1 for a property).
/// </summary>
internal sealed record FixEdit(FixEditKind Kind, int Target, string Name, int Position, string Text);

/// <summary>
/// The fix for a diagnostic, carried in <c>Diagnostic.Properties</c>: the rule that found the problem knows the
/// correction, so the code-fix provider stays a generic interpreter of these edits and the two cannot drift.
/// </summary>
internal static class FixPlan
{
    private const string TitleKey = "Fix.Title";
    private const string CountKey = "Fix.Edits";

    public static ImmutableDictionary<string, string?> Create(string title, params FixEdit[] edits)
    {
        ImmutableDictionary<string, string?>.Builder properties = ImmutableDictionary.CreateBuilder<string, string?>();
        properties[TitleKey] = title;
        properties[CountKey] = edits.Length.ToString(CultureInfo.InvariantCulture);
        for (int i = 0; i < edits.Length; i++)
        {
            string prefix = "Fix." + i.ToString(CultureInfo.InvariantCulture) + ".";
            properties[prefix + "Kind"] = edits[i].Kind.ToString();
            properties[prefix + "Target"] = edits[i].Target.ToString(CultureInfo.InvariantCulture);
            properties[prefix + "Name"] = edits[i].Name;
            properties[prefix + "Position"] = edits[i].Position.ToString(CultureInfo.InvariantCulture);
            properties[prefix + "Text"] = edits[i].Text;
        }

        return properties.ToImmutable();
    }

    /// <summary>The title and edits of a diagnostic's fix, or null when it has none (or the properties are damaged).</summary>
    public static (string Title, IReadOnlyList<FixEdit> Edits)? Read(ImmutableDictionary<string, string?> properties)
    {
        if (!properties.TryGetValue(TitleKey, out string? title) || title is null
            || !properties.TryGetValue(CountKey, out string? countText) || !int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out int count))
        {
            return null;
        }

        var edits = new List<FixEdit>(count);
        for (int i = 0; i < count; i++)
        {
            string prefix = "Fix." + i.ToString(CultureInfo.InvariantCulture) + ".";
            if (!properties.TryGetValue(prefix + "Kind", out string? kindText) || !System.Enum.TryParse(kindText, out FixEditKind kind)
                || !TryInt(properties, prefix + "Target", out int target) || !TryInt(properties, prefix + "Position", out int position))
            {
                return null;
            }

            properties.TryGetValue(prefix + "Name", out string? name);
            properties.TryGetValue(prefix + "Text", out string? text);
            edits.Add(new FixEdit(kind, target, name ?? string.Empty, position, text ?? string.Empty));
        }

        return (title, edits);
    }

    private static bool TryInt(ImmutableDictionary<string, string?> properties, string key, out int value)
    {
        value = 0;
        return properties.TryGetValue(key, out string? text) && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    public static FixEdit SetArgument(string name, int position, string text, int target = 0) => new(FixEditKind.SetArgument, target, name, position, text);

    public static FixEdit SetProperty(string name, string text, int target = 0) => new(FixEditKind.SetArgument, target, name, -1, text);

    public static FixEdit RemoveArgument(string name, int position, int target = 0) => new(FixEditKind.RemoveArgument, target, name, position, string.Empty);

    public static FixEdit RemoveMember(int target = 0) => new(FixEditKind.RemoveMember, target, string.Empty, -1, string.Empty);

    public static FixEdit InsertMemberBefore(string text, int target = 0) => new(FixEditKind.InsertMemberBefore, target, string.Empty, -1, text);
}
