using System.Text;

namespace Wemixvisor.Platform.NodeRpc;

/// <summary>Answers and values shortened to one line for an error message.</summary>
internal static class AnswerText
{
    private const int MaxChars = 120;

    /// <summary>The start of an answer's bytes, quoted.</summary>
    public static string Excerpt(ReadOnlySpan<byte> answer) =>
        $"\"{Line(Encoding.UTF8.GetString(answer[..Math.Min(answer.Length, MaxChars * 4)]))}\"";

    /// <summary><paramref name="text"/> with control characters as spaces, cut after <see cref="MaxChars"/> characters.</summary>
    public static string Line(string text)
    {
        var line = new StringBuilder(Math.Min(text.Length, MaxChars + 1));
        foreach (var c in text)
        {
            if (line.Length == MaxChars)
            {
                return line.Append('…').ToString();
            }
            line.Append(char.IsControl(c) ? ' ' : c);
        }
        return line.ToString();
    }
}
