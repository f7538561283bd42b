namespace Wemixvisor.Demo;

/// <summary>
/// Two tiny node versions for the demo, as bash scripts. Both print a height every 200 ms, continuing
/// from the height kept in the data dir. Genesis writes <c>upgrade-info.json</c> at height 5 and halts
/// like a Cosmos node; v2 reports its version. Both stop cleanly on SIGTERM/SIGINT.
/// </summary>
internal static class SampleNodes
{
    public const string UpgradeName = "v2";
    public const long UpgradeHeight = 5;
    private const string TriggerJson = "{\"name\":\"v2\",\"height\":5,\"info\":{\"note\":\"demo upgrade\"}}";

    public static string Genesis => Script("genesis", $$"""
        if [ "$height" -ge {{UpgradeHeight}} ]; then
          printf '%s' '{{TriggerJson}}' > "$data/upgrade-info.json"
          echo "[node genesis] UPGRADE \"{{UpgradeName}}\" NEEDED at height {{UpgradeHeight}}: halting"
          exit 1
        fi
        """);

    public static string V2 => Script(UpgradeName, "");

    private static string Script(string version, string atEachBlock) => $$"""
        #!/usr/bin/env bash
        # Sample node {{version}}: usage: <binary> start --data <dir>
        data="$3"
        height=$(cat "$data/height" 2>/dev/null || echo 0)
        trap 'echo "[node {{version}}] stopping cleanly at height $height"; exit 0' TERM INT
        echo "[node {{version}}] starting at height $height"
        while true; do
          height=$((height + 1))
          echo "$height" > "$data/height"
          echo "[node {{version}}] height $height"
        {{atEachBlock}}
          sleep 0.2 &
          wait $!
        done
        """.Replace("\r\n", "\n", StringComparison.Ordinal);
}
