namespace System.Runtime.CompilerServices;

/// <summary>Records need this type, which netstandard2.0 lacks; the compiler finds it by name.</summary>
internal static class IsExternalInit
{
}
