using System.Globalization;

namespace Wemixvisor.Core.Chain;

/// <summary>
/// This node's turn in a rolling upgrade of a WBFT validator set. The validator list at a block is the same on
/// every node, so each validator can derive its turn from its own index without a coordinator: the first
/// validator in the list goes first (the highest slot, <c>Count - 1</c>) and the last one gets slot 0. A node
/// that is not a validator, or that has no <c>istanbul</c> namespace, has slot 0.
/// </summary>
/// <param name="Slot">0 … <c>Count - 1</c>; 0 for a non-validator.</param>
/// <param name="Index">The node's position in the validator list, or null when it is not in it.</param>
/// <param name="Count">How many validators the list holds; 0 when there is no list.</param>
/// <param name="Description">A short text for logs.</param>
public sealed record ValidatorSlot(int Slot, int? Index, int Count, string Description)
{
    /// <summary>
    /// The slot of <paramref name="nodeAddress"/> in <paramref name="validators"/> (as the node returned them).
    /// Addresses compare case-insensitively, with or without their <c>0x</c> prefix. Null arguments mean the
    /// node has no <c>istanbul</c> namespace.
    /// </summary>
    public static ValidatorSlot From(string? nodeAddress, IReadOnlyList<string>? validators)
    {
        if (validators is null)
        {
            return new ValidatorSlot(0, null, 0, "no validator set (no istanbul namespace): slot 0");
        }
        var count = validators.Count;
        if (nodeAddress is null)
        {
            return new ValidatorSlot(0, null, count, $"node address unknown, {Validators(count)}: slot 0");
        }
        var index = IndexOf(nodeAddress, validators);
        if (index < 0)
        {
            return new ValidatorSlot(0, null, count, $"{nodeAddress} is not among the {Validators(count)}: slot 0");
        }
        var slot = count - 1 - index;
        return new ValidatorSlot(slot, index, count,
            string.Create(CultureInfo.InvariantCulture, $"{nodeAddress} is validator {index + 1} of {count}: slot {slot}"));
    }

    private static int IndexOf(string address, IReadOnlyList<string> validators)
    {
        var wanted = WithoutPrefix(address);
        if (wanted.IsEmpty)
        {
            return -1;
        }
        for (var i = 0; i < validators.Count; i++)
        {
            if (WithoutPrefix(validators[i]).Equals(wanted, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }
        return -1;
    }

    private static ReadOnlySpan<char> WithoutPrefix(string address)
    {
        var text = address.AsSpan().Trim();
        return text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text;
    }

    private static string Validators(int count) =>
        count == 1 ? "1 validator" : string.Create(CultureInfo.InvariantCulture, $"{count} validators");
}
