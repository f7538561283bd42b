namespace Wemixvisor.IntegrationTests;

/// <summary>Tests that start processes, send signals or watch the process table run one at a time.</summary>
[CollectionDefinition("Processes", DisableParallelization = true)]
public sealed class ProcessesCollection;
