[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

// Each test starts three warren processes; two such tests at once on a small machine would
// only make both slower and their timeouts meaningless.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
