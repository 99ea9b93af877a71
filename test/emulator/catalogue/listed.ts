/**
 * Well-known fal endpoints the emulator lists in its catalogue but does not
 * run (submitting to them answers 404, as for any unknown endpoint): enough
 * entries, across fal's categories, for a client's search and paging to meet
 * real-looking data. Ids, names and categories are fal's as of 2025.
 */
import type { EndpointMetadata } from '../endpoints/types';

export interface ListedEndpoint extends Omit<EndpointMetadata, 'description'> {
	endpointId: string;
	/** What the model does; the catalogue adds that the emulator only lists it. */
	summary: string;
}

type Row = [
	endpointId: string,
	displayName: string,
	category: string,
	summary: string,
	tags: string[],
	date: string,
	status?: 'deprecated',
];

// A data table: one endpoint a row, so that it reads and diffs as rows (Prettier would spread
// each row over six or seven lines).
// prettier-ignore
const ROWS: Row[] = [
	['fal-ai/flux/schnell', 'FLUX.1 [schnell]', 'text-to-image', 'A 12 billion parameter flow transformer that generates images from text in 1 to 4 steps.', ['fast', 'flux'], '2024-08-01'],
	['fal-ai/flux-pro/v1.1', 'FLUX1.1 [pro]', 'text-to-image', 'FLUX1.1 [pro]: faster and better image generation than FLUX.1 [pro].', ['flux', 'realism'], '2024-10-02'],
	['fal-ai/flux-pro/v1.1-ultra', 'FLUX1.1 [pro] ultra', 'text-to-image', 'FLUX1.1 [pro] in ultra and raw modes: images up to 2K with improved photo realism.', ['flux', 'high-res'], '2024-11-06'],
	['fal-ai/flux-pro/kontext', 'FLUX.1 Kontext [pro]', 'image-to-image', 'Edit images with text and reference images, with local edits and whole-scene changes.', ['flux', 'image-editing'], '2025-05-29'],
	['fal-ai/flux-pro/kontext/max', 'FLUX.1 Kontext [max]', 'image-to-image', 'The most capable FLUX.1 Kontext model, with better prompt following and typography.', ['flux', 'image-editing'], '2025-05-29'],
	['fal-ai/flux-pro/kontext/text-to-image', 'FLUX.1 Kontext [pro] Text to Image', 'text-to-image', 'Text-to-image with FLUX.1 Kontext [pro].', ['flux'], '2025-05-29'],
	['fal-ai/flux-lora', 'FLUX.1 [dev] with LoRAs', 'text-to-image', 'Text-to-image with FLUX.1 [dev] and LoRA adaptations for styles, brands and faces.', ['flux', 'lora'], '2024-08-10'],
	['fal-ai/nano-banana', 'Nano Banana', 'text-to-image', "Google's state-of-the-art image generation and editing model, text to image.", ['google', 'realism'], '2025-08-26'],
	['fal-ai/bytedance/seedream/v4/text-to-image', 'Bytedance Seedream 4.0', 'text-to-image', 'A new-generation image model from ByteDance that unifies image generation and editing.', ['bytedance', 'high-res'], '2025-09-09'],
	['fal-ai/bytedance/seedream/v4/edit', 'Bytedance Seedream 4.0 Edit', 'image-to-image', 'Edit images with Seedream 4.0, with up to ten reference images.', ['bytedance', 'image-editing'], '2025-09-09'],
	['fal-ai/recraft/v3/text-to-image', 'Recraft V3', 'text-to-image', 'Vector art, images with long texts and brand styles from Recraft V3.', ['vector', 'typography'], '2024-10-30'],
	['fal-ai/ideogram/v3', 'Ideogram V3', 'text-to-image', 'Ideogram 3.0: images with accurate text and consistent styles.', ['typography', 'design'], '2025-03-26'],
	['fal-ai/imagen4/preview', 'Imagen 4', 'text-to-image', "Google's highest quality image generation model.", ['google', 'realism'], '2025-05-20'],
	['fal-ai/hidream-i1-full', 'HiDream-I1 Full', 'text-to-image', 'An open image generation model with 17 billion parameters.', ['open-source'], '2025-04-08'],
	['fal-ai/stable-diffusion-v35-large', 'Stable Diffusion 3.5 Large', 'text-to-image', 'A Multimodal Diffusion Transformer with improved image quality, typography and prompt understanding.', ['stable-diffusion'], '2024-10-22'],
	['fal-ai/qwen-image', 'Qwen Image', 'text-to-image', 'An image model with strong text rendering and precise editing.', ['typography', 'open-source'], '2025-08-04'],
	['fal-ai/fast-sdxl', 'Fast SDXL', 'text-to-image', 'Stable Diffusion XL, run fast, with LoRAs and embeddings.', ['sdxl', 'lora'], '2023-12-05'],
	['fal-ai/clarity-upscaler', 'Clarity Upscaler', 'image-to-image', 'Upscale images and add detail with a diffusion model.', ['upscaling'], '2024-03-20'],
	['fal-ai/esrgan', 'Upscale Images', 'image-to-image', 'Upscale images by a factor with ESRGAN.', ['upscaling', 'utility'], '2023-10-10'],
	['fal-ai/birefnet/v2', 'Birefnet Background Removal', 'image-to-image', 'Remove backgrounds with BiRefNet, a bilateral reference model for high-resolution segmentation.', ['background removal', 'utility'], '2024-10-15'],
	['fal-ai/trellis', 'Trellis', 'image-to-3d', 'Generate 3D models from images.', ['3d'], '2024-12-10'],
	['fal-ai/kling-video/v2.1/pro/image-to-video', 'Kling 2.1 (pro)', 'image-to-video', 'Kling 2.1 Pro: image-to-video with better visual fidelity and camera control.', ['motion'], '2025-06-04'],
	['fal-ai/kling-video/v2.1/master/image-to-video', 'Kling 2.1 Master', 'image-to-video', 'The premium Kling 2.1 endpoint, with the best motion and prompt adherence.', ['motion'], '2025-05-29'],
	['fal-ai/kling-video/v2.1/master/text-to-video', 'Kling 2.1 Master Text to Video', 'text-to-video', 'Text-to-video with Kling 2.1 Master.', ['motion'], '2025-05-29'],
	['fal-ai/veo3', 'Veo 3', 'text-to-video', "Google's Veo 3: video with sound from a prompt.", ['google', 'audio'], '2025-05-22'],
	['fal-ai/veo3/fast', 'Veo 3 Fast', 'text-to-video', 'A faster and cheaper Veo 3.', ['google', 'fast'], '2025-07-01'],
	['fal-ai/wan-i2v', 'Wan-2.1 Image-to-Video', 'image-to-video', 'Wan 2.1 turns an image into video with high visual quality and motion diversity.', ['open-source', 'motion'], '2025-02-26'],
	['fal-ai/wan/v2.2-a14b/text-to-video', 'Wan 2.2 A14B Text to Video', 'text-to-video', 'Wan 2.2 text-to-video with a mixture-of-experts model of 14 billion active parameters.', ['open-source'], '2025-07-28'],
	['fal-ai/minimax/hailuo-02/standard/image-to-video', 'MiniMax Hailuo 02 Standard', 'image-to-video', 'Hailuo 02: 768p image-to-video with advanced physics.', ['motion'], '2025-06-18'],
	['fal-ai/minimax/video-01', 'MiniMax Video 01', 'text-to-video', 'MiniMax video generation from text: high resolution, high frame rate.', ['motion'], '2024-10-01', 'deprecated'],
	['fal-ai/ltx-video', 'LTX Video', 'text-to-video', 'Real-time video generation from text with LTX Video.', ['fast', 'open-source'], '2024-11-22'],
	['fal-ai/pixverse/v4.5/image-to-video', 'PixVerse v4.5', 'image-to-video', 'PixVerse v4.5: image-to-video with effects and camera moves.', ['effects'], '2025-05-15'],
	['fal-ai/stable-video', 'Stable Video Diffusion', 'image-to-video', 'Generate short videos from images with Stable Video Diffusion.', ['stable-diffusion'], '2023-12-01', 'deprecated'],
	['fal-ai/whisper', 'Whisper', 'speech-to-text', 'Transcribe and translate audio with OpenAI Whisper.', ['transcription'], '2023-11-01'],
	['fal-ai/wizper', 'Wizper (Whisper v3 -- fal.ai edition)', 'speech-to-text', 'Whisper v3 Large, made twice as fast by fal.', ['transcription', 'fast'], '2024-06-01'],
	['fal-ai/stable-audio', 'Stable Audio Open', 'text-to-audio', 'Generate music and sound effects from text with Stable Audio Open.', ['music', 'sound-effects'], '2024-06-05'],
	['fal-ai/mmaudio-v2', 'MMAudio V2', 'video-to-audio', 'Generate synchronized audio for a video from its frames and a prompt.', ['audio', 'sound-effects'], '2025-01-07'],
	['fal-ai/kokoro/british-english', 'Kokoro TTS (British English)', 'text-to-speech', 'Kokoro text-to-speech in British English voices.', ['speech'], '2025-01-21'],
	['fal-ai/elevenlabs/tts/multilingual-v2', 'ElevenLabs TTS Multilingual v2', 'text-to-speech', 'Lifelike speech in 29 languages from ElevenLabs.', ['speech', 'multilingual'], '2025-02-12'],
	['fal-ai/minimax/speech-02-hd', 'MiniMax Speech-02 HD', 'text-to-speech', 'High-definition text-to-speech with voice cloning.', ['speech'], '2025-05-01'],
	['fal-ai/any-llm', 'Any LLM', 'llm', 'Use any large language model from fal.', ['llm', 'text'], '2024-09-01'],
	['fal-ai/flux/dev/image-to-image', 'FLUX.1 [dev] Image-to-Image', 'image-to-image', 'Transform images with FLUX.1 [dev] and a prompt.', ['flux', 'stylized'], '2024-08-15'],
	['fal-ai/flux-lora/inpainting', 'FLUX.1 [dev] Inpainting with LoRAs', 'image-to-image', 'Inpainting with FLUX.1 [dev] and LoRA adaptations.', ['flux', 'inpainting', 'lora'], '2024-09-05'],
	['fal-ai/recraft/v3/image-to-image', 'Recraft V3 Image to Image', 'image-to-image', 'Restyle images with Recraft V3.', ['vector', 'stylized'], '2024-11-20'],
	['fal-ai/ideogram/v3/edit', 'Ideogram V3 Edit', 'image-to-image', 'Edit the masked part of an image with Ideogram 3.0.', ['inpainting', 'typography'], '2025-03-26'],
	['fal-ai/imagen4/preview/fast', 'Imagen 4 Fast', 'text-to-image', "A faster and cheaper version of Google's Imagen 4.", ['google', 'fast'], '2025-06-12'],
	['fal-ai/luma-photon', 'Luma Photon', 'text-to-image', 'Creative, personalizable image generation from Luma.', ['stylized'], '2024-12-03'],
	['fal-ai/aura-flow', 'AuraFlow', 'text-to-image', 'The largest fully open flow-based text-to-image model.', ['open-source'], '2024-07-12'],
	['fal-ai/sana', 'Sana', 'text-to-image', 'Efficient high-resolution image synthesis with a linear diffusion transformer.', ['fast', 'high-res'], '2024-11-25'],
	['fal-ai/playground-v25', 'Playground v2.5', 'text-to-image', 'State-of-the-art open-source model for aesthetic quality.', ['stylized'], '2024-03-01'],
	['fal-ai/hyper-sdxl', 'Hyper SDXL', 'text-to-image', 'Stable Diffusion XL distilled to one to four steps.', ['fast', 'sdxl'], '2024-04-25'],
	['fal-ai/creative-upscaler', 'Creative Upscaler', 'image-to-image', 'Upscale images and add detail, with control over how creative the result is.', ['upscaling'], '2024-02-10'],
	['fal-ai/face-swap', 'Face Swap', 'image-to-image', 'Swap the face of one image onto another.', ['faces', 'utility'], '2024-05-14'],
	['fal-ai/sam2/image', 'Segment Anything Model 2', 'image-to-image', 'Segment objects in images with SAM 2.', ['segmentation', 'utility'], '2024-08-01'],
	['fal-ai/kling-video/v2.5-turbo/pro/text-to-video', 'Kling 2.5 Turbo Pro', 'text-to-video', 'Kling 2.5 Turbo: fluid motion and cinematic video from text.', ['motion'], '2025-09-23'],
	['fal-ai/luma-dream-machine/ray-2', 'Luma Ray 2', 'text-to-video', 'Realistic video with natural, coherent motion from Luma Ray 2.', ['motion'], '2025-01-15'],
	['fal-ai/hunyuan-video', 'Hunyuan Video', 'text-to-video', 'An open video model with high visual quality and motion diversity.', ['open-source'], '2024-12-03'],
	['fal-ai/bytedance/seedance/v1/pro/image-to-video', 'Bytedance Seedance 1.0 Pro', 'image-to-video', 'Seedance 1.0 Pro: 1080p image-to-video from ByteDance.', ['bytedance', 'motion'], '2025-06-16'],
	['fal-ai/sync-lipsync', 'Sync Lipsync', 'video-to-video', 'Make the lips in a video follow an audio track.', ['lipsync'], '2024-10-08'],
	['fal-ai/topaz/upscale/video', 'Topaz Video Upscale', 'video-to-video', 'Upscale videos with Topaz.', ['upscaling'], '2025-04-02'],
	['fal-ai/elevenlabs/speech-to-text', 'ElevenLabs Speech to Text', 'speech-to-text', 'Transcription with speaker diarization from ElevenLabs.', ['transcription'], '2025-03-01'],
	['fal-ai/chatterbox/text-to-speech', 'Chatterbox', 'text-to-speech', 'Expressive open-source text-to-speech with emotion control.', ['speech', 'open-source'], '2025-05-30'],
	['fal-ai/lyria2', 'Lyria 2', 'text-to-audio', "Google's music generation model.", ['music', 'google'], '2025-05-20'],
	['fal-ai/ace-step', 'ACE-Step', 'text-to-audio', 'Songs with lyrics from a prompt, with ACE-Step.', ['music', 'open-source'], '2025-05-08'],
	['fal-ai/hunyuan3d/v2', 'Hunyuan3D 2.0', 'image-to-3d', 'Textured 3D assets from images.', ['3d'], '2025-01-21'],
	['fal-ai/moondream2', 'Moondream 2', 'vision', 'A small vision language model: captions and answers about images.', ['vision', 'captioning'], '2024-06-10'],
	['fal-ai/florence-2-large/caption', 'Florence-2 Large Caption', 'vision', 'Caption images with Florence-2.', ['vision', 'captioning'], '2024-06-25'],
	['fal-ai/luma-dream-machine', 'Luma Dream Machine 1.5', 'text-to-video', 'Video from text and images with Luma Dream Machine 1.5.', ['motion'], '2024-06-12', 'deprecated'],
	['fal-ai/stable-cascade', 'Stable Cascade', 'text-to-image', 'Stable Cascade: image generation on a smaller and cheaper latent space.', ['stable-diffusion'], '2024-02-13', 'deprecated'],
];

export const LISTED_ENDPOINTS: ListedEndpoint[] = ROWS.map(
	([endpointId, displayName, category, summary, tags, date, status]) => ({
		endpointId,
		displayName,
		category,
		summary,
		tags,
		date: `${date}T00:00:00.000Z`,
		...(status ? { status } : {}),
	}),
);
