namespace DataForge.Review;

/// <summary>The path given to <c>dataforge review</c> is neither a run folder, a pipeline's output folder nor a builds folder.</summary>
public sealed class ReviewPathException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ReviewPathException()
    {
    }

    /// <summary>Creates the exception with a message naming the path.</summary>
    public ReviewPathException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public ReviewPathException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
