using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Wemixvisor.Operations.Systemd;

/// <summary>
/// sd_notify: one datagram per message to the unix socket systemd names in <c>NOTIFY_SOCKET</c> (a leading <c>@</c>
/// is an abstract socket). The socket never blocks: a message that cannot be sent at once is dropped and logged once.
/// </summary>
internal sealed class SystemdNotifier : IDisposable
{
    private readonly Socket _socket;
    private readonly UnixDomainSocketEndPoint _endpoint;
    private readonly ILogger _log;
    private readonly Lock _gate = new();
    private bool _failureLogged;

    private SystemdNotifier(string path, ILogger log)
    {
        _endpoint = new UnixDomainSocketEndPoint(path.StartsWith('@') ? "\0" + path[1..] : path);
        _socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified) { Blocking = false };
        _log = log;
    }

    /// <summary>The notifier for <c>NOTIFY_SOCKET</c>, or null when it is unset (not started by systemd with <c>Type=notify</c>).</summary>
    public static SystemdNotifier? FromEnvironment(ILogger log) =>
        Environment.GetEnvironmentVariable("NOTIFY_SOCKET") is { Length: > 0 } path ? new SystemdNotifier(path, log) : null;

    /// <summary>Sends <paramref name="message"/> (<c>READY=1</c>, <c>STATUS=…</c>); returns at once.</summary>
    public void Notify(string message)
    {
        lock (_gate)
        {
            try
            {
                _socket.SendTo(Encoding.UTF8.GetBytes(message), _endpoint);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                if (!_failureLogged)
                {
                    _failureLogged = true;
                    _log.NotifyFailed(message, e.Message);
                }
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _socket.Dispose();
        }
    }
}

internal static partial class SystemdLog
{
    [LoggerMessage(5100, LogLevel.Warning, "Cannot notify systemd ({Message}): {Reason}; later notifications that fail are not logged")]
    public static partial void NotifyFailed(this ILogger log, string message, string reason);

    [LoggerMessage(5101, LogLevel.Information, "systemd watchdog: WATCHDOG=1 every {Interval} from the supervision loop")]
    public static partial void WatchdogOn(this ILogger log, TimeSpan interval);
}
