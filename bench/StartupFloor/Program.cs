// `startup-floor`: prints one line and exits. `startup-floor idle SECONDS`: does nothing for that long.
if (args is ["idle", var seconds])
{
    Thread.Sleep(TimeSpan.FromSeconds(int.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture)));
    return 0;
}
Console.WriteLine("startup-floor " + Environment.Version);
return 0;
