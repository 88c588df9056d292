using System.Globalization;
using System.Text;

namespace Generated.SourceGeneration;

/// <summary>Line-oriented source writer with brace-aware indentation; newlines are always '\n' so output is identical on every OS.</summary>
internal sealed class IndentedWriter
{
    private readonly StringBuilder _text = new();
    private int _depth;

    public IndentedWriter Line(string line = "")
    {
        if (line.Length > 0)
        {
            _text.Append(' ', _depth * 4).Append(line);
        }

        _text.Append('\n');
        return this;
    }

    public IndentedWriter Open(string header)
    {
        Line(header);
        Line("{");
        _depth++;
        return this;
    }

    public IndentedWriter Close(string suffix = "")
    {
        _depth--;
        Line("}" + suffix);
        return this;
    }

    public override string ToString() => _text.ToString();

    /// <summary>A C# float literal that round-trips, independent of the current culture.</summary>
    public static string Float(double value) =>
        ((float)value).ToString("R", CultureInfo.InvariantCulture) + "f";

    /// <summary>A C# double literal that round-trips, independent of the current culture.</summary>
    public static string Double(double value)
    {
        string text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains(".") || text.Contains("E") ? text + "d" : text + ".0d";
    }

    /// <summary>An int literal, invariant.</summary>
    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A C# verbatim-free string literal with escapes.</summary>
    public static string String(string value)
    {
        var text = new StringBuilder("\"");
        foreach (char c in value)
        {
            switch (c)
            {
                case '\\': text.Append("\\\\"); break;
                case '"': text.Append("\\\""); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                default: text.Append(c); break;
            }
        }

        return text.Append('"').ToString();
    }
}
