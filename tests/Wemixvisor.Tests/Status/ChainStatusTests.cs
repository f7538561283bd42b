using Wemixvisor.Core.Chain;
using Wemixvisor.Core.Layout;
using Wemixvisor.Core.Schedule;
using Wemixvisor.Status;
using Wemixvisor.Tests.Fakes;

namespace Wemixvisor.Tests.Status;

public sealed class ChainStatusTests
{
    private static readonly ChainPolicy Policy = new(SwitchMargin: 20, StaggerBlocks: 10, StallTimeout: TimeSpan.FromSeconds(30), ReadyTimeout: TimeSpan.FromMinutes(2));
    private static readonly ScheduledUpgrade V3 = new(UpgradeName.Parse("v3"), 2000, ScheduleStatus.Pending, null, null);
    private static readonly string[] Validators = ["0x" + new string('a', 40), "0x" + new string('b', 40), "0x" + new string('c', 40)];

    private static Task<ChainStatus> Read(FakeNodeRpc rpc, ScheduledUpgrade? next) =>
        ChainStatus.ReadAsync(rpc, next, Policy, CancellationToken.None);

    [Fact]
    public async Task Read_NothingScheduled_OnlyTheHead()
    {
        var rpc = new FakeNodeRpc { Head = 1234 };

        var chain = await Read(rpc, next: null);

        Assert.Equal(new ChainStatus("fake", 1234, null, null), chain);
        Assert.Equal(["eth_blockNumber"], rpc.Calls);
    }

    [Fact]
    public async Task Read_RpcDown_OneFailedCall_ReasonWithoutTheMethod_NextUnknown()
    {
        var rpc = new FakeNodeRpc { Down = true };

        var chain = await Read(rpc, V3);

        Assert.Equal(["eth_blockNumber"], rpc.Calls);
        Assert.Equal(("fake", (long?)null), (chain.Endpoint, chain.Head));
        Assert.Equal("connection refused (is the node running?)", chain.Problem);
        Assert.Equal(NextSwitch.Unknown(V3, "the chain head is unknown"), chain.Next);
    }

    [Fact]
    public async Task Read_SecondOfThreeValidatorsTwoSecondBlocks_SlotSwitchBlockBlocksLeftAndEta()
    {
        // Arrange: validator 2 of 3 has slot 1: it switches at 2000 - 20 - 1 x 10 = 1970.
        var rpc = new FakeNodeRpc { Head = 1234, Address = Validators[1], Validators = Validators, BlockTime = TimeSpan.FromSeconds(2) };

        // Act
        var next = (await Read(rpc, V3)).Next!;

        // Assert
        Assert.Equal(["eth_blockNumber", "istanbul_nodeAddress", "istanbul_getValidators", "eth_getBlockByNumber 1234", "eth_getBlockByNumber 1134"], rpc.Calls);
        Assert.Equal((1, 1970L), (next.Plan!.Slot.Slot, next.Plan.SwitchPoint));
        Assert.Equal(736, next.BlocksLeft);
        Assert.Equal(new BlockPace(100, TimeSpan.FromSeconds(200)), next.Pace);
        Assert.Equal(TimeSpan.FromSeconds(736 * 2), next.Eta);
        Assert.Null(next.Problem);
    }

    [Fact]
    public async Task Read_NoIstanbulShortChain_SlotZero_PaceFromGenesis()
    {
        var rpc = new FakeNodeRpc { Head = 40 };

        var next = (await Read(rpc, V3)).Next!;

        Assert.Equal(["eth_blockNumber", "istanbul_nodeAddress", "eth_getBlockByNumber 40", "eth_getBlockByNumber 0"], rpc.Calls);
        Assert.Equal((0, 1980L, 1940L), (next.Plan!.Slot.Slot, next.Plan.SwitchPoint, next.BlocksLeft!.Value));
        Assert.Equal(new BlockPace(40, TimeSpan.FromSeconds(40)), next.Pace);
        Assert.Equal(TimeSpan.FromSeconds(1940), next.Eta);
    }

    [Fact]
    public async Task Read_OnlyGenesis_PlanButNoPace_SaysWhy()
    {
        var rpc = new FakeNodeRpc { Head = 0 };

        var next = (await Read(rpc, V3)).Next!;

        Assert.Equal(1980, next.Plan!.SwitchPoint);
        Assert.Null(next.Eta);
        Assert.Equal("the chain has no block after genesis yet to measure its block time", next.Problem);
    }

    [Fact]
    public async Task Read_TimestampsDoNotAdvance_NoPace_SaysWhich()
    {
        var rpc = new FakeNodeRpc { Head = 500, BlockTime = TimeSpan.Zero };

        var next = (await Read(rpc, V3)).Next!;

        Assert.Null(next.Pace);
        Assert.Equal("the timestamps of blocks 400 (2026-01-01 00:00:00Z) and 500 (2026-01-01 00:00:00Z) do not advance", next.Problem);
    }

    [Fact]
    public async Task Read_PastTheSwitchBlock_NoBlocksLeft_EtaZero()
    {
        var rpc = new FakeNodeRpc { Head = 1990 };

        var next = (await Read(rpc, V3)).Next!;

        Assert.Equal((0L, TimeSpan.Zero), (next.BlocksLeft!.Value, next.Eta!.Value));
    }
}
