package org.cipherpost.blob.internal;

import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.function.LongConsumer;

/**
 * A request body publisher that reports how many bytes its delegate has handed to the client so far.
 */
final class CountingPublisher implements HttpRequest.BodyPublisher {
    private final HttpRequest.BodyPublisher delegate;
    private final LongConsumer progress;

    /**
     * Wraps a publisher.
     *
     * @param delegate publisher of the body
     * @param progress called with the running total
     */
    CountingPublisher(final HttpRequest.BodyPublisher delegate, final LongConsumer progress) {
        this.delegate = delegate;
        this.progress = progress;
    }

    @Override
    public long contentLength() {
        return delegate.contentLength();
    }

    @Override
    public void subscribe(final Flow.Subscriber<? super ByteBuffer> subscriber) {
        delegate.subscribe(new Flow.Subscriber<ByteBuffer>() {
            private long count;

            @Override
            public void onSubscribe(final Flow.Subscription subscription) {
                subscriber.onSubscribe(subscription);
            }

            @Override
            public void onNext(final ByteBuffer item) {
                count += item.remaining();
                progress.accept(count);
                subscriber.onNext(item);
            }

            @Override
            public void onError(final Throwable throwable) {
                subscriber.onError(throwable);
            }

            @Override
            public void onComplete() {
                subscriber.onComplete();
            }
        });
    }
}
