/** models.LRELU_SLOPE: the leaky ReLU slope everywhere except before conv_post (which uses torch's 0.01). */
export const LRELU_SLOPE = 0.1;
