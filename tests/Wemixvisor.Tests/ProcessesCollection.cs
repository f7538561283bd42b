namespace Wemixvisor.Tests;

/// <summary>Tests that start real processes run one at a time.</summary>
[CollectionDefinition("Processes", DisableParallelization = true)]
public sealed class ProcessesCollection;
