namespace Wemixvisor.Platform.NodeRpc;

/// <summary>
/// JSON-RPC quantities such as block numbers: <c>0x</c> followed by hex digits, nothing before or after.
/// Leading zeros are tolerated; values above <see cref="long.MaxValue"/> are rejected.
/// </summary>
internal static class HexQuantity
{
    public static bool TryParse(ReadOnlySpan<char> text, out long value)
    {
        value = 0;
        if (text.Length < 3 || text[0] != '0' || (text[1] != 'x' && text[1] != 'X'))
        {
            return false;
        }
        ulong result = 0;
        foreach (var c in text[2..])
        {
            var digit = HexDigit(c);
            // Checked before the shift, so the result never passes long.MaxValue.
            if (digit < 0 || result > (long.MaxValue >> 4))
            {
                return false;
            }
            result = (result << 4) | (uint)digit;
        }
        value = (long)result;
        return true;
    }

    private static int HexDigit(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
