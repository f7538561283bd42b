using System.Text.Json.Nodes;
using Wemixvisor.Cli;
using Wemixvisor.Core.Chain;
using Wemixvisor.Core.Layout;
using Wemixvisor.Core.Schedule;
using Wemixvisor.Status;

namespace Wemixvisor.Tests.Cli;

public sealed class ChainStatusViewTests
{
    private const string Socket = "ipc /var/lib/gstable/data/gstable.ipc";
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly ChainPolicy Policy = new(SwitchMargin: 20, StaggerBlocks: 10, StallTimeout: TimeSpan.FromSeconds(30), ReadyTimeout: TimeSpan.FromMinutes(2));
    private static readonly ScheduledUpgrade V3 = new(UpgradeName.Parse("v3"), 2000, ScheduleStatus.Pending, null, null);
    private static readonly ValidatorSlot Slot1 = new(1, 1, 3, "0xbbbb is validator 2 of 3: slot 1");

    private static NextSwitch Planned(long head, BlockPace? pace, string? problem = null) =>
        new(V3, Policy, head, SwitchPlan.For(V3.Height, Slot1, Policy), pace, problem);

    private static string Text(ChainStatus chain) => string.Join("\n", LabelledLines.Format(ChainStatusView.Lines(chain, Now), gap: 1));

    [Fact]
    public void Lines_HeadAndPlannedSwitch_SlotSwitchBlockBlocksLeftEta()
    {
        var chain = new ChainStatus(Socket, 1234, null, Planned(1234, new BlockPace(100, TimeSpan.FromSeconds(200))));

        Assert.Equal(
            """
            chain head:     1234 (eth_blockNumber over ipc /var/lib/gstable/data/gstable.ipc)
            next scheduled: v3 at height 2000
            validator slot: 0xbbbb is validator 2 of 3: slot 1
            switch block:   1970 (height 2000 - margin 20 - slot 1 × stagger 10)
            blocks left:    736 (head 1234)
            ETA:            24m32s (about 2026-03-01T12:24:32Z): 2 s per block over the last 100 blocks
            """, Text(chain));
    }

    [Fact]
    public void Lines_NothingScheduled_OnlyTheHead()
    {
        var chain = new ChainStatus("http://10.0.0.5:8588/", 77, null, null);

        Assert.Equal("chain head: 77 (eth_blockNumber over http://10.0.0.5:8588/)", Text(chain));
    }

    [Fact]
    public void Lines_RpcFailed_NamesTheEndpointAndReason_SwitchBlockUnknown()
    {
        var chain = new ChainStatus("http://127.0.0.1:1/", null, "connection refused (is the node running?)", NextSwitch.Unknown(V3, "the chain head is unknown"));

        Assert.Equal(
            """
            chain head:     unknown: eth_blockNumber over http://127.0.0.1:1/ failed: connection refused (is the node running?)
            next scheduled: v3 at height 2000
            switch block:   unknown: the chain head is unknown
            """, Text(chain));
    }

    [Fact]
    public void Lines_NoEndpoint_ThePoblemAlone()
    {
        var chain = new ChainStatus(null, null, "WEMIXVISOR_NODE_RPC=node.ipc is a relative path; give the absolute path of the node's IPC socket", null);

        Assert.Equal("chain head: unknown: WEMIXVISOR_NODE_RPC=node.ipc is a relative path; give the absolute path of the node's IPC socket", Text(chain));
    }

    [Fact]
    public void Lines_PaceUnknown_EtaSaysWhy()
    {
        var chain = new ChainStatus(Socket, 0, null, Planned(0, null, "the chain has no block after genesis yet to measure its block time"));

        Assert.Equal("unknown: the chain has no block after genesis yet to measure its block time", ChainStatusView.Lines(chain, Now)[^1].Value);
    }

    [Fact]
    public void Lines_SwitchBlockReached_ZeroLeftEtaZero()
    {
        var chain = new ChainStatus(Socket, 1975, null, Planned(1975, new BlockPace(100, TimeSpan.FromSeconds(100))));

        var lines = ChainStatusView.Lines(chain, Now);

        Assert.Equal(("blocks left", "0 (the head 1975 has reached the switch block)"), lines[^2]);
        Assert.Equal(("ETA", "0s (about 2026-03-01T12:00:00Z): 1 s per block over the last 100 blocks"), lines[^1]);
    }

    [Fact]
    public void Lines_EtaBeyondTheCalendar_NoAboutTime()
    {
        var chain = new ChainStatus(Socket, 1, null, Planned(1, new BlockPace(1, TimeSpan.MaxValue / 2)));

        Assert.DoesNotContain("about", ChainStatusView.Lines(chain, Now)[^1].Value, StringComparison.Ordinal);
        Assert.Null(ChainStatusView.Json(chain, Now)["next"]!["eta_at"]);
    }

    [Fact]
    public void Json_PlannedSwitch_EveryNumber()
    {
        var chain = new ChainStatus(Socket, 1234, null, Planned(1234, new BlockPace(100, TimeSpan.FromSeconds(150))));

        var json = ChainStatusView.Json(chain, Now);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            {
              "endpoint": "ipc /var/lib/gstable/data/gstable.ipc", "method": "eth_blockNumber", "head": 1234, "problem": null,
              "next": {
                "name": "v3", "height": 2000,
                "slot": { "slot": 1, "index": 1, "count": 3, "description": "0xbbbb is validator 2 of 3: slot 1" },
                "switch_margin": 20, "stagger_blocks": 10, "switch_block": 1970, "blocks_left": 736,
                "block_time_seconds": 1.5, "block_time_over_blocks": 100, "eta_seconds": 1104, "eta_at": "2026-03-01T12:18:24+00:00",
                "problem": null
              }
            }
            """), json), json.ToJsonString());
    }

    [Fact]
    public void Json_RpcFailed_NullsAndProblems()
    {
        var chain = new ChainStatus("http://127.0.0.1:1/", null, "no answer within 2 s", NextSwitch.Unknown(V3, "the chain head is unknown"));

        var json = ChainStatusView.Json(chain, Now);

        Assert.Equal(("http://127.0.0.1:1/", "no answer within 2 s"), (json["endpoint"]!.GetValue<string>(), json["problem"]!.GetValue<string>()));
        Assert.Null(json["head"]);
        var next = json["next"]!;
        Assert.Equal(("v3", 2000L, "the chain head is unknown"), (next["name"]!.GetValue<string>(), next["height"]!.GetValue<long>(), next["problem"]!.GetValue<string>()));
        Assert.All(new[] { "slot", "switch_block", "blocks_left", "eta_seconds", "eta_at" }, name => Assert.Null(next[name]));
    }
}
