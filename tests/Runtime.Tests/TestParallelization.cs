// libtorch already spreads each op over every core, and autograd's grad mode is per thread:
// running test classes in parallel only oversubscribes the CPU and lets one test's no_grad
// scope meet another's tensors. One test at a time is both faster here and deterministic.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
