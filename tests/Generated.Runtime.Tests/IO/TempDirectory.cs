using System;
using System.IO;

namespace Generated.Runtime.Tests.IO;

/// <summary>A fresh directory under the system temp folder, deleted with everything in it on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "generated-io-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Names of the entries in the directory, sorted, so tests can assert that nothing was left behind.</summary>
    public string[] Entries()
    {
        string[] entries = Directory.GetFileSystemEntries(Path);
        for (int i = 0; i < entries.Length; i++)
        {
            entries[i] = System.IO.Path.GetFileName(entries[i]);
        }

        Array.Sort(entries, StringComparer.Ordinal);
        return entries;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder must not turn a passing test into a failing one.
        }
    }
}
