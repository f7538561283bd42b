using Wemixvisor.Platform.NodeRpc;

namespace Wemixvisor.Tests.NodeRpc;

public sealed class HexQuantityTests
{
    [Theory]
    [InlineData("0x0", 0L)]
    [InlineData("0x1", 1L)]
    [InlineData("0x1b4", 436L)]
    [InlineData("0X1B4", 436L)]
    [InlineData("0x00000000000000000000000001", 1L)]
    [InlineData("0x7fffffffffffffff", long.MaxValue)]
    public void TryParse_Quantity_Value(string text, long expected)
    {
        Assert.True(HexQuantity.TryParse(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("0x")]
    [InlineData("1b4")]
    [InlineData("x1b4")]
    [InlineData(" 0x1")]
    [InlineData("0x1 ")]
    [InlineData("0x1\n")]
    [InlineData("+0x1")]
    [InlineData("-0x1")]
    [InlineData("0x-1")]
    [InlineData("0x1g")]
    [InlineData("0x1_0")]
    [InlineData("00x1")]
    [InlineData("0x8000000000000000")]
    [InlineData("0xffffffffffffffff")]
    [InlineData("0x10000000000000000")]
    public void TryParse_NotAQuantityOrTooLarge_False(string text)
    {
        Assert.False(HexQuantity.TryParse(text, out var value));
        Assert.Equal(0, value);
    }
}
