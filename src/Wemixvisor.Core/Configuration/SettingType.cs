namespace Wemixvisor.Core.Configuration;

/// <summary>How a setting's text is read and shown: the value name in the flag's help, the parser with its validation, and the formatter.</summary>
/// <param name="ValueName">What the flag's value is, as <c>--help</c> shows it: <c>--poll-interval &lt;duration&gt;</c>.</param>
/// <param name="Parser">Reads a non-empty text; an error is said after the value (<c>must be true or false</c>).</param>
/// <param name="Formatter">The canonical text of a value, as <c>wemixvisor config</c> shows it.</param>
public sealed record SettingType<T>(string ValueName, Func<string, SettingContext, Parsed<T>> Parser, Func<T, string> Formatter)
{
    /// <summary>A type whose parser depends on nothing but the text.</summary>
    public SettingType(string valueName, Func<string, Parsed<T>> parser, Func<T, string> formatter)
        : this(valueName, (text, _) => parser(text), formatter)
    {
    }

    public Parsed<T> Parse(string text, SettingContext context) => Parser(text, context);

    public string Format(T value) => Formatter(value);

    /// <summary>The same type with one more rule: a value that <paramref name="accept"/> refuses is invalid with <paramref name="error"/>.</summary>
    public SettingType<T> Where(Func<T, bool> accept, string error)
    {
        var parse = Parser;
        return this with
        {
            Parser = (text, context) =>
            {
                var parsed = parse(text, context);
                return parsed.HasValue && !accept(parsed.Value) ? Parsed<T>.Invalid(error) : parsed;
            },
        };
    }
}
