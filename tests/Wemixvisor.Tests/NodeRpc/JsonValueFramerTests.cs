using System.Text;
using System.Text.Json;
using Wemixvisor.Platform.NodeRpc;

namespace Wemixvisor.Tests.NodeRpc;

public sealed class JsonValueFramerTests
{
    private const string Answer = """{"jsonrpc":"2.0","id":7,"result":["0x01","}{\"]",{"a":[1,2,{"b":null}]}]}""";

    [Fact]
    public void Advance_WholeValueInOnePiece_ItsLength()
    {
        Assert.Equal(Answer.Length, new JsonValueFramer().Advance(Encoding.UTF8.GetBytes(Answer)));
    }

    [Fact]
    public void Advance_OneByteAtATime_CompleteOnlyWithTheLastByte()
    {
        var bytes = Encoding.UTF8.GetBytes(Answer);
        var framer = new JsonValueFramer();

        var results = Enumerable.Range(1, bytes.Length).Select(length => framer.Advance(bytes.AsSpan(0, length))).ToList();

        Assert.All(results[..^1], result => Assert.Equal(-1, result));
        Assert.Equal(bytes.Length, results[^1]);
    }

    [Fact]
    public void Advance_LeadingWhitespaceAndAFollowingValue_EndOfTheFirst()
    {
        var text = " \n\t" + Answer + Answer + "\n";

        Assert.Equal(3 + Answer.Length, new JsonValueFramer().Advance(Encoding.UTF8.GetBytes(text)));
    }

    [Fact]
    public void Advance_PiecesSplitInsideStringsAndEscapes_CompleteAtTheEnd()
    {
        var bytes = Encoding.UTF8.GetBytes(Answer);
        var framer = new JsonValueFramer();
        var cut1 = Answer.IndexOf("}{", StringComparison.Ordinal) + 1;
        var cut2 = Answer.IndexOf("\\\"", StringComparison.Ordinal) + 1;

        Assert.Equal(-1, framer.Advance(bytes.AsSpan(0, cut1)));
        Assert.Equal(-1, framer.Advance(bytes.AsSpan(0, cut2)));
        Assert.Equal(bytes.Length, framer.Advance(bytes));
    }

    [Fact]
    public void Advance_EmptyOrWhitespace_NeedsMore()
    {
        var framer = new JsonValueFramer();

        Assert.Equal(-1, framer.Advance([]));
        Assert.Equal(-1, framer.Advance(" \n"u8));
    }

    [Theory]
    [InlineData("this is not json")]
    [InlineData("<html>")]
    [InlineData("{\"a\" 1}")]
    public void Advance_NotJson_Throws(string text)
    {
        Assert.ThrowsAny<JsonException>(() => new JsonValueFramer().Advance(Encoding.UTF8.GetBytes(text)));
    }
}
