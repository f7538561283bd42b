using Wemixvisor.Core.Chain;

namespace Wemixvisor.Tests.Chain;

public sealed class ValidatorSlotTests
{
    private static string[] Validators(int count) =>
        Enumerable.Range(1, count).Select(i => "0x" + i.ToString("x40", System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    [Theory]
    [InlineData(4, 0, 3)]
    [InlineData(4, 2, 1)]
    [InlineData(4, 3, 0)]
    [InlineData(7, 0, 6)]
    [InlineData(7, 3, 3)]
    [InlineData(7, 6, 0)]
    [InlineData(21, 0, 20)]
    [InlineData(21, 10, 10)]
    [InlineData(21, 20, 0)]
    public void From_Validator_FirstGoesFirstAndLastGetsSlotZero(int count, int index, int expectedSlot)
    {
        var validators = Validators(count);

        var slot = ValidatorSlot.From(validators[index], validators);

        Assert.Equal(expectedSlot, slot.Slot);
        Assert.Equal(index, slot.Index);
        Assert.Equal(count, slot.Count);
        Assert.Equal($"{validators[index]} is validator {index + 1} of {count}: slot {expectedSlot}", slot.Description);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(21)]
    public void From_EverySlotOfTheSet_IsTakenExactlyOnce(int count)
    {
        var validators = Validators(count);

        var slots = validators.Select(address => ValidatorSlot.From(address, validators).Slot).Order();

        Assert.Equal(Enumerable.Range(0, count), slots);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(21)]
    public void From_NonValidator_SlotZeroWithoutIndex(int count)
    {
        var slot = ValidatorSlot.From("0x" + new string('e', 40), Validators(count));

        Assert.Equal(new ValidatorSlot(0, null, count, $"0x{new string('e', 40)} is not among the {count} validators: slot 0"), slot);
    }

    [Fact]
    public void From_NoIstanbulNamespace_SlotZeroAndNoCount()
    {
        var slot = ValidatorSlot.From(null, null);

        Assert.Equal(new ValidatorSlot(0, null, 0, "no validator set (no istanbul namespace): slot 0"), slot);
    }

    [Fact]
    public void From_AddressUnknownButListKnown_SlotZero()
    {
        var slot = ValidatorSlot.From(null, Validators(7));

        Assert.Equal(new ValidatorSlot(0, null, 7, "node address unknown, 7 validators: slot 0"), slot);
    }

    [Fact]
    public void From_EmptyAddress_MatchesNothing()
    {
        Assert.Null(ValidatorSlot.From("0x", ["0x", "0x" + new string('1', 40)]).Index);
    }

    [Theory]
    [InlineData("0xAbCdEf0000000000000000000000000000000001", "0xabcdef0000000000000000000000000000000001")]
    [InlineData("0xabcdef0000000000000000000000000000000001", "0xABCDEF0000000000000000000000000000000001")]
    [InlineData("0XABCDEF0000000000000000000000000000000001", "0xabcdef0000000000000000000000000000000001")]
    [InlineData("abcdef0000000000000000000000000000000001", "0xAbCdEf0000000000000000000000000000000001")]
    public void From_CaseAndPrefixDiffer_StillFound(string nodeAddress, string listed)
    {
        IReadOnlyList<string> validators = ["0x" + new string('1', 40), listed, "0x" + new string('2', 40), "0x" + new string('3', 40)];

        var slot = ValidatorSlot.From(nodeAddress, validators);

        Assert.Equal((2, 1, 4), (slot.Slot, slot.Index, slot.Count));
    }

    [Fact]
    public void From_SingleValidator_SlotZero()
    {
        var only = "0x" + new string('a', 40);

        Assert.Equal(new ValidatorSlot(0, 0, 1, $"{only} is validator 1 of 1: slot 0"), ValidatorSlot.From(only, [only]));
    }

    [Fact]
    public void From_NotInASingleValidatorSet_SaysOneValidator()
    {
        Assert.EndsWith("is not among the 1 validator: slot 0", ValidatorSlot.From("0x" + new string('b', 40), ["0x" + new string('a', 40)]).Description);
    }
}
