namespace System.Runtime.CompilerServices;

/// <summary>Lets netstandard2.0 Roslyn components use records and init accessors.</summary>
internal static class IsExternalInit
{
}
