using System;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Generated.Generators.Tests;

/// <summary>
/// Loads a compiled test compilation into a collectible context. Generated.Runtime and Generated.Attributes
/// resolve to the copies the test process already uses, so the generated class can be cast to
/// <see cref="ISupervisedModel{TTarget}"/> from here.
/// </summary>
internal sealed class GeneratedAssembly : IDisposable
{
    private readonly SharedContractsLoadContext _context;

    public GeneratedAssembly(Compilation compilation)
    {
        byte[] image = GeneratorHarness.EmitToBytes(compilation);
        _context = new SharedContractsLoadContext();
        using var stream = new MemoryStream(image);
        Assembly = _context.LoadFromStream(stream);
    }

    public Assembly Assembly { get; }

    /// <summary>Creates <paramref name="fullName"/> with one worker thread (the test machine is small and shared).</summary>
    public IModel CreateModel(string fullName)
    {
        Type type = Assembly.GetType(fullName, throwOnError: true)!;
        object instance = Activator.CreateInstance(type, new object?[] { new ModelOptions { Threads = 1 } })!;
        return Assert.IsAssignableFrom<IModel>(instance);
    }

    public void Dispose() => _context.Unload();

    private sealed class SharedContractsLoadContext : AssemblyLoadContext
    {
        private static readonly Assembly Runtime = typeof(IModel).Assembly;
        private static readonly Assembly Attributes = typeof(ModelAttribute).Assembly;

        public SharedContractsLoadContext()
            : base("GeneratedModels", isCollectible: true)
        {
        }

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            if (AssemblyName.ReferenceMatchesDefinition(assemblyName, Runtime.GetName()))
            {
                return Runtime;
            }

            if (AssemblyName.ReferenceMatchesDefinition(assemblyName, Attributes.GetName()))
            {
                return Attributes;
            }

            // Everything else (the framework) comes from the default context as well.
            return null;
        }
    }
}
