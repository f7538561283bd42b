using System.Globalization;
using System.Reactive.Concurrency;
using System.Reactive.Linq;

// `polling-floor event-loop FILE SECONDS`: Observable.Timer(0, 300 ms) on an EventLoopScheduler, a stat each tick.
// `polling-floor thread-wait FILE SECONDS`: one thread that stats, then Monitor.Wait()s until the next due time.
if (args is not [var mode and ("event-loop" or "thread-wait"), var file, var secondsText])
{
    Console.Error.WriteLine("usage: polling-floor event-loop|thread-wait FILE SECONDS");
    return 2;
}

var period = TimeSpan.FromMilliseconds(300);
var lifetime = TimeSpan.FromSeconds(int.Parse(secondsText, CultureInfo.InvariantCulture));
var looks = 0L;
void Look() => looks += File.Exists(file) ? 2 : 1;

if (mode == "event-loop")
{
    using var loop = new EventLoopScheduler();
    using var polls = Observable.Timer(TimeSpan.Zero, period, loop).Subscribe(_ => Look());
    Thread.Sleep(lifetime);
}
else
{
    var gate = new object();
    var stop = Environment.TickCount64 + (long)lifetime.TotalMilliseconds;
    var poller = new Thread(() =>
    {
        var due = Environment.TickCount64;
        lock (gate)
        {
            while (Environment.TickCount64 < stop)
            {
                Look();
                due += (long)period.TotalMilliseconds;
                var wait = due - Environment.TickCount64;
                if (wait > 0)
                {
                    Monitor.Wait(gate, (int)wait);
                }
            }
        }
    });
    poller.Start();
    poller.Join();
}
return looks > 0 ? 0 : 1;
