using System.Text.Json;
using System.Text.Unicode;

namespace Wemixvisor.Core;

/// <summary>
/// What a JSON file must be besides well-formed before System.Text.Json can read all of it. The parser checks the
/// structure but decodes a string only when it is read, so a string holding invalid UTF-8 or an escaped half of a
/// surrogate pair (<c>"\ud800"</c>) throws <see cref="InvalidOperationException"/> from <c>GetString</c> or
/// <c>WriteTo</c> long after parsing succeeded.
/// </summary>
internal static class JsonText
{
    public const string NotUtf8 = "not valid JSON: the file is not UTF-8 text";

    public static bool IsUtf8(ReadOnlySpan<byte> json) => Utf8.IsValid(json);

    /// <summary>The reason for a file the parser rejected (<see cref="JsonException"/>) or a string that cannot be decoded (<see cref="InvalidOperationException"/>).</summary>
    public static string NotValid(Exception e) => $"not valid JSON: {Printable(e.Message.TrimEnd('.'))}";

    /// <summary>
    /// Decodes every string and property name in <paramref name="element"/>, for a part kept as JSON text and
    /// decoded later; throws <see cref="InvalidOperationException"/> at the first that cannot be decoded.
    /// </summary>
    public static void Decode(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                _ = element.GetString();
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    _ = property.Name;
                    Decode(property.Value);
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Decode(item);
                }
                break;
        }
    }

    /// <summary>True when the bytes are a valid beginning of JSON that simply stops: a file still being written.</summary>
    public static bool IsTruncated(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, isFinalBlock: false, state: default);
        var completeValue = false;
        try
        {
            while (reader.Read())
            {
                completeValue = reader.CurrentDepth == 0 && reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray);
            }
            return !completeValue;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>A JSON value's kind in a message: "an object", "a string", …</summary>
    public static string Kind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    /// <summary>The parser's message quotes the offending bytes, which may hold line breaks or other control characters.</summary>
    private static string Printable(string text) =>
        string.Concat(text.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
}
