using System.Text.Json;
using Wemixvisor.Core.Layout;
using Wemixvisor.Core.Net;
using Wemixvisor.Core.Operations;
using Wemixvisor.Core.Upgrades;
using Wemixvisor.Operations.Alerts;
using Wemixvisor.Operations.Systemd;

namespace Wemixvisor.Tests.Operations;

public sealed class OperationsPiecesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("127.0.0.1:9650", "127.0.0.1", 9650, true)]
    [InlineData("localhost:1", "localhost", 1, true)]
    [InlineData("[::1]:9650", "::1", 9650, true)]
    [InlineData("0.0.0.0:9650", "0.0.0.0", 9650, false)]
    [InlineData("10.1.2.3:65535", "10.1.2.3", 65535, false)]
    public void ListenAddress_Valid_HostPortAndLoopback(string text, string host, int port, bool loopback)
    {
        Assert.True(ListenAddress.TryParse(text, out var address, out _));
        Assert.Equal((host, port, loopback, text), (address.Host, address.Port, address.IsLoopback, address.ToString()));
    }

    [Theory]
    [InlineData("9650", "must be host:port")]
    [InlineData("127.0.0.1:0", "port from 1 to 65535")]
    [InlineData("127.0.0.1:x", "port from 1 to 65535")]
    [InlineData("example.com:9650", "must be an IP address or localhost")]
    public void ListenAddress_Invalid_SaysWhat(string text, string expected)
    {
        Assert.False(ListenAddress.TryParse(text, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("60000000", null, 30.0)]
    [InlineData("60000000", "42", 30.0)]
    [InlineData("60000000", "43", null)]
    [InlineData(null, null, null)]
    [InlineData("0", null, null)]
    [InlineData("x", null, null)]
    public void WatchdogInterval_HalfOfWatchdogUsec_OnlyForThisPid(string? usec, string? pid, double? seconds)
    {
        var environment = new Dictionary<string, string?> { ["WATCHDOG_USEC"] = usec, ["WATCHDOG_PID"] = pid };

        var interval = SystemdWatchdog.Interval(name => environment[name], 42);

        Assert.Equal(seconds, interval?.TotalSeconds);
    }

    [Fact]
    public void AlertComposer_Applied_BodyHasTheDocumentedFieldsAndText()
    {
        // Arrange
        var composer = new AlertComposer("host1", "gstable", "1.2.3");
        var v2 = new UpgradeInfo(UpgradeName.Parse("v2"), 200, null, "");

        // Act
        var message = composer.Compose(new OperationsFact.UpgradeApplied(T0, v2, AppliedUpgrade.Genesis, 195, TimeSpan.FromSeconds(3.25)))!;
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(message, AlertMessageJson.Default.AlertMessage));

        // Assert
        var body = json.RootElement;
        Assert.Equal("upgrade_applied", body.GetProperty("event").GetString());
        Assert.Equal("wemixvisor on host1 (gstable): upgraded genesis to v2 (height 200) in 3.3 s", body.GetProperty("text").GetString());
        Assert.Equal(("v2", 200L, 195L), (body.GetProperty("upgrade").GetString(), body.GetProperty("upgrade_height").GetInt64(), body.GetProperty("chain_head").GetInt64()));
        Assert.Equal(("genesis", "v2@200"), (body.GetProperty("from_version").GetString(), body.GetProperty("to_version").GetString()));
        Assert.Equal(("host1", "1.2.3"), (body.GetProperty("host").GetString(), body.GetProperty("wemixvisor_version").GetString()));
        Assert.Equal(T0, body.GetProperty("at").GetDateTimeOffset());
        Assert.False(body.TryGetProperty("exit_code", out _));
    }

    [Fact]
    public void AlertComposer_NodeUpAndTimings_NoAlert()
    {
        var composer = new AlertComposer("h", "n", "v");

        Assert.Null(composer.Compose(new OperationsFact.NodeUp(T0, 1)));
        Assert.Null(composer.Compose(new OperationsFact.ActivityTimed(T0, UpgradeActivity.Backup, TimeSpan.FromSeconds(1))));
        Assert.Null(composer.Compose(new OperationsFact.StopRequested(T0)));
    }

    [Fact]
    public void WebhookSender_Shown_HidesPathAndCredentials()
    {
        Assert.Equal("https://hooks.slack.com", WebhookSender.Shown(new Uri("https://hooks.slack.com/services/T0/B0/secret")));
        Assert.Equal("http://host:8080", WebhookSender.Shown(new Uri("http://user:pw@host:8080/x?token=1")));
    }
}
