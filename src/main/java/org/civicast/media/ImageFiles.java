package org.civicast.media;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Reading and writing still images with javax.imageio, in memory (ImageIO's default file cache
 * would leave files in the temporary directory). Only the header is read to measure an image;
 * a large one is decoded with subsampling, so a photo of tens of megapixels, or a small file
 * claiming a huge picture, never needs its full size in memory.
 */
final class ImageFiles {
    /** Past this, an image is refused rather than decoded at all. */
    private static final long MAX_PIXELS = 250_000_000L;

    private ImageFiles() {}

    /** {width, height} as stored (before any EXIF turn). */
    static int[] size(byte[] bytes, MediaKind kind) throws MediaRefused {
        ImageReader reader = reader(bytes, kind);
        try {
            return new int[] {reader.getWidth(0), reader.getHeight(0)};
        } catch (IOException | RuntimeException e) {
            throw unreadable(kind, e);
        } finally {
            reader.dispose();
        }
    }

    /** The image decoded at no less than {@code atLeast} pixels on its longest side where it has them. */
    static BufferedImage decode(byte[] bytes, MediaKind kind, int atLeast) throws MediaRefused {
        ImageReader reader = reader(bytes, kind);
        try {
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if ((long) width * height > MAX_PIXELS) {
                throw new MediaRefused("the image is " + width + "×" + height + " pixels, more than Civicast decodes ("
                        + MAX_PIXELS / 1_000_000 + " megapixels); scale it down first");
            }
            ImageReadParam param = reader.getDefaultReadParam();
            int every = Math.max(1, Math.max(width, height) / atLeast);
            param.setSourceSubsampling(every, every, 0, 0);
            return reader.read(0, param);
        } catch (IOException | RuntimeException e) {
            throw unreadable(kind, e);
        } finally {
            reader.dispose();
        }
    }

    static byte[] jpeg(BufferedImage image, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality);
        return write(writer, image, param);
    }

    static byte[] png(BufferedImage image) {
        return write(ImageIO.getImageWritersByFormatName("png").next(), image, null);
    }

    private static byte[] write(ImageWriter writer, BufferedImage image, ImageWriteParam param) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // writing to memory does not fail
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private static ImageReader reader(byte[] bytes, MediaKind kind) throws MediaRefused {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(kind.contentType());
        if (!readers.hasNext()) throw new MediaRefused("no reader for " + kind.contentType());
        ImageReader reader = readers.next();
        ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes));
        reader.setInput(in, true, true);
        return reader;
    }

    private static MediaRefused unreadable(MediaKind kind, Exception e) {
        if (e instanceof MediaRefused refused) return refused;
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (kind == MediaKind.JPEG && detail.contains("Unsupported Image Type")) {
            return new MediaRefused("the JPEG is in CMYK colours, which Civicast cannot re-encode; save it as RGB");
        }
        return new MediaRefused("the file begins like a " + kind.extension().toUpperCase(java.util.Locale.ROOT)
                + " image but cannot be read (" + detail + "); it may be damaged or cut short");
    }
}
