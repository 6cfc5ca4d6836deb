using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace CommunityPartyPortal.Domain.Rules;

/// <summary>
/// A thin binding to the system ICU transliterator (libicui18n), loaded at run time the way .NET finds ICU:
/// the highest installed major version N of libicuuc.so.N / libicui18n.so.N, and the exports suffixed with it
/// (utrans_openU_N, …). An ICU transliterator is not thread-safe, so the open instances live in a small pool and
/// each call rents one. Nothing here throws: a missing library, export or transliterator id makes
/// <see cref="Create"/> return null and <see cref="TryTransliterate"/> return false.
/// </summary>
/// <remarks>
/// The functions are called through delegates over the resolved export addresses (this project does not allow
/// unsafe code, which C# function pointers need). The text buffers are <c>char[]</c> with
/// <see cref="CharSet.Unicode"/>, so they are pinned and passed as UTF-16 <c>UChar*</c>, never converted to ANSI.
/// </remarks>
internal sealed class IcuTransliterator : IDisposable
{
    private const int UZeroError = 0;
    private const int UBufferOverflowError = 15;
    private const int UTransForward = 0;

    [UnmanagedFunctionPointer(CallingConvention.Cdecl, CharSet = CharSet.Unicode)]
    private delegate IntPtr OpenU(
        [MarshalAs(UnmanagedType.LPWStr)] string id, int idLength, int direction,
        IntPtr rules, int rulesLength, IntPtr parseError, ref int status);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl, CharSet = CharSet.Unicode)]
    private delegate void TransUChars(
        IntPtr transliterator, [In, Out] char[] text, ref int textLength, int textCapacity,
        int start, ref int limit, ref int status);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void Close(IntPtr transliterator);

    /// <summary>The resolved ICU functions, or null when ICU cannot be used on this machine.</summary>
    private sealed record Api(int Version, OpenU Open, TransUChars Transliterate, Close Close);

    private static readonly Lazy<Api?> Functions = new(LoadApi, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Api _api;
    private readonly string _id;
    private readonly ConcurrentBag<IntPtr> _pool = [];
    private readonly int _poolLimit = Math.Max(2, Environment.ProcessorCount);
    private bool _disposed;

    private IcuTransliterator(Api api, string id)
    {
        _api = api;
        _id = id;
    }

    /// <summary>The ICU major version found (72 for libicu72), or null without ICU.</summary>
    public static int? IcuVersion => Functions.Value?.Version;

    /// <summary>A transliterator for <paramref name="id"/>, or null when ICU or the id is unavailable.</summary>
    public static IcuTransliterator? Create(string id)
    {
        var api = Functions.Value;
        if (api is null) return null;
        var transliterator = new IcuTransliterator(api, id);
        var handle = transliterator.Open();
        if (handle == IntPtr.Zero) return null;
        transliterator.Return(handle);
        return transliterator;
    }

    /// <summary>Transliterates <paramref name="text"/>; false (and null) when ICU reports an error.</summary>
    public bool TryTransliterate(string text, out string? result)
    {
        result = null;
        if (text.Length == 0)
        {
            result = "";
            return true;
        }
        var handle = Rent();
        if (handle == IntPtr.Zero) return false;
        try
        {
            // A Han character becomes at most six letters and a space; grow once more if ICU asks for it.
            var capacity = text.Length * 8 + 16;
            for (var attempt = 0; attempt < 4; attempt++)
            {
                var buffer = new char[capacity];
                text.CopyTo(0, buffer, 0, text.Length);
                var length = text.Length;
                var limit = text.Length;
                var status = UZeroError;
                _api.Transliterate(handle, buffer, ref length, capacity, 0, ref limit, ref status);
                if (status == UBufferOverflowError)
                {
                    capacity = Math.Max(capacity * 2, length + 16);
                    continue;
                }
                if (status > UZeroError || length < 0 || length > capacity) return false;
                result = new string(buffer, 0, length);
                return true;
            }
            return false;
        }
        catch (Exception e) when (e is SEHException or MarshalDirectiveException or EntryPointNotFoundException)
        {
            return false;
        }
        finally
        {
            Return(handle);
        }
    }

    public void Dispose()
    {
        _disposed = true;
        while (_pool.TryTake(out var handle)) _api.Close(handle);
    }

    private IntPtr Rent() => _pool.TryTake(out var handle) ? handle : Open();

    private void Return(IntPtr handle)
    {
        if (!_disposed && _pool.Count < _poolLimit) _pool.Add(handle);
        else _api.Close(handle);
    }

    private IntPtr Open()
    {
        try
        {
            var status = UZeroError;
            var handle = _api.Open(_id, _id.Length, UTransForward, IntPtr.Zero, 0, IntPtr.Zero, ref status);
            if (status <= UZeroError) return handle;
            if (handle != IntPtr.Zero) _api.Close(handle);
            return IntPtr.Zero;
        }
        catch (Exception e) when (e is SEHException or MarshalDirectiveException or EntryPointNotFoundException)
        {
            return IntPtr.Zero;
        }
    }

    /// <summary>
    /// Finds ICU as .NET does on Linux: libicuuc.so.N for N from high to low, then libicui18n.so.N of the same
    /// version, whose exports carry the suffix _N. Unversioned libraries (a distribution built without
    /// renaming, or icu.dll on Windows) are tried last with plain export names.
    /// </summary>
    private static Api? LoadApi()
    {
        try
        {
            if (OperatingSystem.IsWindows())
            {
                return NativeLibrary.TryLoad("icu.dll", out var icu) ? Resolve(icu, null) : null;
            }
            for (var version = 100; version >= 50; version--)
            {
                if (!NativeLibrary.TryLoad($"libicuuc.so.{version}", out _)) continue;
                if (NativeLibrary.TryLoad($"libicui18n.so.{version}", out var i18n) && Resolve(i18n, version) is { } api) return api;
            }
            foreach (var name in new[] { "libicui18n.so", "libicucore.dylib" })
            {
                if (NativeLibrary.TryLoad(name, out var library) && Resolve(library, null) is { } api) return api;
            }
        }
        catch (Exception e) when (e is BadImageFormatException or DllNotFoundException or InvalidOperationException)
        {
            // No usable ICU: the callers fall back to empty readings.
        }
        return null;
    }

    private static Api? Resolve(IntPtr library, int? version)
    {
        var suffix = version is null ? "" : $"_{version}";
        if (!NativeLibrary.TryGetExport(library, "utrans_openU" + suffix, out var open)
            || !NativeLibrary.TryGetExport(library, "utrans_transUChars" + suffix, out var transliterate)
            || !NativeLibrary.TryGetExport(library, "utrans_close" + suffix, out var close))
        {
            return null;
        }
        return new Api(
            version ?? 0,
            Marshal.GetDelegateForFunctionPointer<OpenU>(open),
            Marshal.GetDelegateForFunctionPointer<TransUChars>(transliterate),
            Marshal.GetDelegateForFunctionPointer<Close>(close));
    }
}
