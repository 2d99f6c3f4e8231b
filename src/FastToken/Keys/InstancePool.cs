namespace FastToken.Keys;

/// <summary>
/// A small lock-free pool of reusable, non-thread-safe objects (keyed HMAC state, RSA and
/// ECDsa handles). Renting never blocks: when every slot is taken a new instance is made,
/// and an instance returned to a full pool is disposed.
/// </summary>
internal sealed class InstancePool<T> where T : class, IDisposable
{
    private readonly T?[] _slots;
    private readonly Func<T> _factory;

    public InstancePool(Func<T> factory)
    {
        _factory = factory;
        _slots = new T?[Math.Clamp(Environment.ProcessorCount * 2, 2, 32)];
    }

    public T Rent()
    {
        T?[] slots = _slots;
        int start = Environment.CurrentManagedThreadId % slots.Length;
        for (int i = 0; i < slots.Length; i++)
        {
            int index = (start + i) % slots.Length;
            T? item = Volatile.Read(ref slots[index]);
            if (item is not null && Interlocked.CompareExchange(ref slots[index], null, item) == item)
            {
                return item;
            }
        }

        return _factory();
    }

    public void Return(T item)
    {
        T?[] slots = _slots;
        int start = Environment.CurrentManagedThreadId % slots.Length;
        for (int i = 0; i < slots.Length; i++)
        {
            int index = (start + i) % slots.Length;
            if (Volatile.Read(ref slots[index]) is null &&
                Interlocked.CompareExchange(ref slots[index], item, null) is null)
            {
                return;
            }
        }

        item.Dispose();
    }
}
