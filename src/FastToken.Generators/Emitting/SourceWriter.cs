using System.Text;

namespace FastToken.Generators.Emitting;

/// <summary>Writes C# source line by line, keeping the indentation of the blocks it opens.</summary>
internal sealed class SourceWriter
{
    private const int IndentSize = 4;

    private readonly StringBuilder _text = new();
    private int _depth;

    /// <summary>Writes one line at the current indentation; an empty line gets no indentation.</summary>
    public void WriteLine(string line = "")
    {
        if (line.Length > 0)
        {
            _text.Append(' ', _depth * IndentSize);
            _text.Append(line);
        }

        _text.Append('\n');
    }

    /// <summary>Writes <c>{</c> and indents what follows.</summary>
    public void OpenBlock()
    {
        WriteLine("{");
        _depth++;
    }

    /// <summary>Ends the innermost block with <c>}</c> and an optional suffix such as <c>;</c>.</summary>
    public void CloseBlock(string suffix = "")
    {
        _depth--;
        WriteLine("}" + suffix);
    }

    /// <summary>Writes <c>[</c> and indents what follows, for a collection expression.</summary>
    public void OpenBracket()
    {
        WriteLine("[");
        _depth++;
    }

    /// <summary>Ends a collection expression with <c>]</c> and an optional suffix.</summary>
    public void CloseBracket(string suffix = "")
    {
        _depth--;
        WriteLine("]" + suffix);
    }

    /// <summary>Indents the lines that follow without a brace, e.g. a wrapped condition.</summary>
    public void Indent() => _depth++;

    /// <summary>Undoes <see cref="Indent"/>.</summary>
    public void Unindent() => _depth--;

    public override string ToString() => _text.ToString();
}
